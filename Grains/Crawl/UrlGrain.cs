using Crawler.Grains.Archiving;
using Crawler.Grains.Diagnostics;
using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;
using Crawler.Grains.Traps;
using Crawler.Runtime;
using Microsoft.Extensions.Logging;

namespace Crawler.Grains.Crawl;

/// <summary>
/// One URL of one job. The first discovery passes the spider-trap guards, waits for a slot at its host, asks the job
/// for a go-ahead (while the job is paused it frees the slot, waits and gets in line again), fetches with the job's
/// network policy, records the result and discovers the page's links; later discoveries are duplicates. The result, the new state, the follow-up discoveries and the job's progress commit
/// together.
/// </summary>
[GrainType("url")]
public sealed partial class UrlGrain(
    PageFetcher fetcher, CrawlerOptions options, CompiledJobCache jobs, WarcArchives archives, KnownDiscoveries known, ILogger<UrlGrain> logger)
    : Grain<UrlGrainState>, IUrlGrain
{
    public async Task DiscoverAsync(Discovery discovery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        known.Received(GetPrimaryKeyString(), discovery.Depth);
        var (jobId, url) = UrlKey.Parse(GetPrimaryKeyString());
        var job = GrainFactory.GetGrain<ICrawlJobGrain>(jobId);
        if (State.Status == UrlStatus.Skipped || (State.Status == UrlStatus.Done && discovery.Depth >= State.Depth))
        {
            await job.ReportProgressAsync(new ProgressDelta { Duplicates = 1 }, cancellationToken);
            return;
        }

        var compiled = await jobs.GetAsync(jobId, GrainFactory, cancellationToken);
        if (compiled is null)
        {
            // A discovery for a job that does not exist: nothing to count it against.
            Log.UnknownJob(logger, jobId);
            return;
        }

        if (State.Status == UrlStatus.Done)
        {
            await ReexpandAsync(jobId, url, discovery, compiled, job, cancellationToken);
            return;
        }

        await CrawlAsync(jobId, url, discovery, compiled, job, cancellationToken);
    }

    /// <summary>
    /// A discovery whose turns kept failing (a fault of ours, or a silo that could not be reached three times): the URL
    /// is recorded with the error, so the job's tallies close and the result says what happened, instead of the job
    /// waiting forever for an answer that will not come.
    /// </summary>
    public override async Task OnMessageDroppedAsync(DroppedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Arguments is not [Discovery discovery, ..])
        {
            return;
        }

        var (jobId, url) = UrlKey.Parse(GetPrimaryKeyString());
        var job = GrainFactory.GetGrain<ICrawlJobGrain>(jobId);
        if (State.Status is UrlStatus.Done or UrlStatus.Skipped)
        {
            await job.ReportProgressAsync(new ProgressDelta { Duplicates = 1 }, cancellationToken);
            return;
        }

        var reason = $"not processed: {message.Error.Message} ({message.Attempts} attempts)";
        await RecordRefusalAsync(jobId, url, discovery, reason, TimeProvider.GetUtcNow(), job, cancellationToken, failed: true);
    }

    private async Task CrawlAsync(string jobId, string url, Discovery discovery, CompiledJob compiled, ICrawlJobGrain job, CancellationToken cancellationToken)
    {
        var host = GrainFactory.GetGrain<IHostGrain>(HostKey.Of(url));
        if (!State.Admitted)
        {
            var maxUrls = compiled.Spec.MaxUrlsPerHost;
            var trap = compiled.Traps.RefusalFor(new Uri(url))
                ?? (await host.TryAdmitUrlAsync(jobId, maxUrls, cancellationToken) ? null : TrapGuard.TooManyUrlsOnHost(maxUrls, HostKey.Of(url)));
            if (trap is not null)
            {
                await RecordRefusalAsync(jobId, url, discovery, trap, TimeProvider.GetUtcNow(), job, cancellationToken);
                return;
            }

            // Written with this turn's state, whatever it ends in, so a URL that gets in line again is not counted twice.
            State.Admitted = true;
        }

        // The go-ahead is asked for only once a host slot is held, so a cancel or the page limit also stops
        // the URLs already waiting at their hosts.
        var grant = await host.AcquireFetchSlotAsync(SlotRequestOf(compiled.Spec, url, jobId), cancellationToken);
        if (grant.Busy)
        {
            await GetInLineAgainAsync(discovery, job, cancellationToken);
            return;
        }

        if (!grant.Allowed)
        {
            await RecordRefusalAsync(jobId, url, discovery, grant.Reason!, grant.GrantedAt, job, cancellationToken);
            return;
        }

        FetchResponse? response = null;
        var start = PageStart.Skip;
        try
        {
            start = await job.TryStartPageAsync(cancellationToken);
            if (start == PageStart.Go)
            {
                response = await fetcher.FetchAsync(url, compiled.PageFetchPolicy, cancellationToken);
            }
        }
        finally
        {
            await host.ReleaseFetchSlotAsync(grant.Slot, OutcomeOf(response), CancellationToken.None);
        }

        if (start == PageStart.Wait)
        {
            // Paused: the slot is free again for other jobs' URLs; this one waits a little, then gets in line again.
            await WaitWhilePausedAsync(job, cancellationToken);
            await GetInLineAgainAsync(discovery, job, cancellationToken);
            return;
        }

        if (response is null)
        {
            // Skipped: the job was cancelled or ended, or reached its page limit.
            State.Status = UrlStatus.Skipped;
            await WriteStateAsync();
            await job.ReportProgressAsync(new ProgressDelta { Accepted = 1, Skipped = 1 }, cancellationToken);
            return;
        }

        var processed = Process(url, discovery, response, compiled);
        var sent = await SendAsync(jobId, processed.FollowUps, cancellationToken);
        var result = await ArchiveAsync(compiled, response, processed.Result, cancellationToken);
        AppendToStream(JobStreams.Results(jobId), result);
        CrawlMetrics.Recorded(result);
        State.Status = UrlStatus.Done;
        State.Depth = discovery.Depth;
        await WriteStateAsync();
        await job.ReportProgressAsync(
            new ProgressDelta
            {
                Sent = sent,
                Accepted = 1,
                Done = 1,
                Failed = result.Status is null or >= 500 ? 1 : 0,
                Bytes = result.Bytes,
                StatusCode = result.Status,
            },
            cancellationToken);
    }

    /// <summary>
    /// A shorter path to a page already crawled: under a depth limit its links may now reach further, so they are
    /// sent again at the new depth. Discovery order is not breadth-first across silos, so this is what makes
    /// <c>--max-depth</c> mean the shortest distance. The page is fetched again; its result is not recorded twice.
    /// </summary>
    private async Task ReexpandAsync(string jobId, string url, Discovery discovery, CompiledJob compiled, ICrawlJobGrain job, CancellationToken cancellationToken)
    {
        var sent = 0;
        if (compiled.Spec.MaxDepth is not null)
        {
            var host = GrainFactory.GetGrain<IHostGrain>(HostKey.Of(url));
            var grant = await host.AcquireFetchSlotAsync(SlotRequestOf(compiled.Spec, url, jobId), cancellationToken);
            if (grant.Busy)
            {
                await GetInLineAgainAsync(discovery, job, cancellationToken);
                return;
            }

            if (!grant.Allowed)
            {
                State.Depth = discovery.Depth;
                await WriteStateAsync();
                await job.ReportProgressAsync(new ProgressDelta { Duplicates = 1 }, cancellationToken);
                return;
            }

            FetchResponse? response = null;
            try
            {
                response = await fetcher.FetchAsync(url, compiled.FetchPolicy, cancellationToken);
            }
            finally
            {
                await host.ReleaseFetchSlotAsync(grant.Slot, OutcomeOf(response), CancellationToken.None);
            }

            sent = await SendAsync(jobId, Process(url, discovery, response, compiled).FollowUps, cancellationToken);
        }

        State.Depth = discovery.Depth;
        await WriteStateAsync();
        await job.ReportProgressAsync(new ProgressDelta { Duplicates = 1, Sent = sent }, cancellationToken);
    }

    /// <summary>
    /// Writes the fetch to the job's WARC archive before the turn commits, so a page recorded is archived (a silo lost
    /// between the two archives it again when the URL is redone). A write that fails is said on the result.
    /// </summary>
    private async Task<CrawlResult> ArchiveAsync(CompiledJob compiled, FetchResponse response, CrawlResult result, CancellationToken cancellationToken)
    {
        if (compiled.Spec.Warc is not { } path || response.Exchange is not { } exchange)
        {
            return result;
        }

        try
        {
            await archives.WriteAsync(path, exchange, cancellationToken);
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.ArchiveFailed(logger, ex, result.Url, path);
            var note = $"not archived: {ex.Message}";
            return result with { Error = result.Error is null ? note : $"{result.Error}; {note}" };
        }
    }

    /// <summary>
    /// The host must answer within the longest wait counted from now: however long the call takes to get there, the
    /// answer comes while this turn still waits for it, well inside the grain call timeout.
    /// </summary>
    private SlotRequest SlotRequestOf(CrawlJobSpec spec, string url, string jobId) =>
        new(spec.PerHostConcurrency, spec.MinDelay, spec.Adaptive, new Uri(url).PathAndQuery, spec.RespectRobots, jobId, TimeProvider.GetUtcNow() + options.MaxSlotWait);

    /// <summary>
    /// The host's line was longer than one grain call may wait: this discovery is answered as a duplicate and sent
    /// again to this grain, counted as sent, so the job's tallies stay exact while the URL gets in line once more.
    /// </summary>
    private async Task GetInLineAgainAsync(Discovery discovery, ICrawlJobGrain job, CancellationToken cancellationToken)
    {
        await WriteStateAsync();
        await GrainFactory.GetGrain<IUrlGrain>(GetPrimaryKeyString()).DiscoverAsync(discovery, cancellationToken);
        await job.ReportProgressAsync(new ProgressDelta { Sent = 1, Duplicates = 1, Requeued = 1 }, cancellationToken);
    }

    /// <summary>Checks every <see cref="CrawlerOptions.PauseCheck"/>, at most five times, whether the job is still paused.</summary>
    private async Task WaitWhilePausedAsync(ICrawlJobGrain job, CancellationToken cancellationToken)
    {
        for (var check = 0; check < 5; check++)
        {
            await Task.Delay(options.PauseCheck, TimeProvider, cancellationToken);
            if ((await job.GetStatusAsync(cancellationToken)).State != JobState.Paused)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A URL not fetched because its host refused it (robots.txt, a refused address) or a spider-trap guard did is
    /// recorded with the reason, counted as done and not failed; a discovery given up on after its attempts is recorded
    /// the same way, counted as failed.
    /// </summary>
    private async Task RecordRefusalAsync(
        string jobId, string url, Discovery discovery, string reason, DateTimeOffset at, ICrawlJobGrain job, CancellationToken cancellationToken, bool failed = false)
    {
        var result = new CrawlResult
        {
            Url = url,
            FinalUrl = url,
            Depth = discovery.Depth,
            Parent = discovery.Parent,
            Error = reason,
            FetchedAt = at,
        };
        AppendToStream(JobStreams.Results(jobId), result);
        CrawlMetrics.Recorded(result);
        State.Status = UrlStatus.Done;
        State.Depth = discovery.Depth;
        await WriteStateAsync();
        await job.ReportProgressAsync(new ProgressDelta { Accepted = 1, Done = 1, Failed = failed ? 1 : 0 }, cancellationToken);
    }

    private static FetchOutcome OutcomeOf(FetchResponse? response) => response is null
        ? FetchOutcome.NotFetched
        : new FetchOutcome(response.ElapsedMs, response.Status is null or 429 or >= 500, response.RetryAfter);

    private ProcessedPage Process(string url, Discovery discovery, FetchResponse response, CompiledJob compiled)
    {
        try
        {
            return PageProcessor.Process(url, discovery, response, compiled, TimeProvider.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Hostile content must not take the silo down, nor lose the URL: it is recorded with the error.
            Log.ProcessingFailed(logger, ex, url);
            var result = PageProcessor.ResultOf(url, discovery, response, TimeProvider.GetUtcNow());
            return new ProcessedPage(result with { Error = $"could not process the page: {ex.Message}" }, []);
        }
    }

    /// <summary>Discovers the links, leaving out those this silo knows would be duplicates; returns how many were sent.</summary>
    private async Task<int> SendAsync(string jobId, IReadOnlyList<(string Url, Discovery Discovery)> followUps, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var (childUrl, childDiscovery) in followUps)
        {
            var key = UrlKey.Create(jobId, childUrl);
            if (known.IsKnown(key, childDiscovery.Depth))
            {
                continue;
            }

            await GrainFactory.GetGrain<IUrlGrain>(key).DiscoverAsync(childDiscovery, cancellationToken);
            sent++;
        }

        return sent;
    }
}

using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;
using Crawler.Runtime;
using Microsoft.Extensions.Logging;

namespace Crawler.Grains.Hosts;

/// <summary>
/// Hands out fetch slots for one host, first come first served: at most the caller's concurrency in flight,
/// and request starts at least the delay apart (its job's minimum, the adaptive delay, a Retry-After pause).
/// Reentrant, so a caller waiting for a slot does not block the release that frees it; its turns still never
/// run in parallel, so the state below needs no locks. It also counts each job's URLs on the host (a spider-trap
/// guard) and reads the host's sitemaps for jobs that seed from them.
/// </summary>
[Reentrant]
[GrainType("host")]
public sealed partial class HostGrain(PageFetcher fetcher, CrawlerOptions options, CompiledJobCache jobs, ILogger<HostGrain> logger) : Grain, IHostGrain
{
    private readonly LinkedList<HostWaiter> _waiting = new();
    private readonly HostPoliteness _politeness = new();

    // In memory only, as all of this grain's state: after a failover or a deactivation (idle for the collection age)
    // the counts start from zero, so a host may then take up to another MaxUrlsPerHost URLs of a job. The cap is a
    // guard against traps, not an exact quota; a URL counted once never asks again (its grain remembers).
    private readonly Dictionary<string, long> _urlsByJob = new(StringComparer.Ordinal);
    // The slots granted and not yet given back, by number, with when each is taken back if it never is. Numbers start
    // at random per activation, so a release meant for an earlier activation (before a failover) frees nothing here.
    private readonly Dictionary<long, DateTimeOffset> _held = [];
    private long _lastSlot = Random.Shared.NextInt64(1, long.MaxValue / 2);
    private HostRobots? _robots;
    private long _fetches;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public async Task<SlotGrant> AcquireFetchSlotAsync(SlotRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The caller's grain call times out; answering "busy" before that lets it come back instead of failing.
        var now = TimeProvider.GetUtcNow();
        var wait = request.AnswerBy is { } answerBy && answerBy - now < options.MaxSlotWait ? answerBy - now : options.MaxSlotWait;
        if (wait <= TimeSpan.Zero)
        {
            return SlotGrant.TryLater(now);
        }

        using var patience = new CancellationTokenSource(wait, TimeProvider);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, patience.Token);
        try
        {
            return await AcquireAsync(request, waiting.Token);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return SlotGrant.TryLater(TimeProvider.GetUtcNow());
        }
    }

    public Task ReleaseFetchSlotAsync(long slot, FetchOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Release(slot, outcome);
        return Task.CompletedTask;
    }

    public Task<HostStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(Peek());

    /// <summary>
    /// The status read outside any turn, for the dashboard: no mailbox, no commit, so watching hosts costs the crawl
    /// nothing. It reads fields another thread may be changing, so a value may be a moment stale.
    /// </summary>
    public HostStatus Peek() =>
        new()
        {
            Host = GetPrimaryKeyString(),
            InFlight = _held.Count,
            Waiting = _waiting.Count,
            Fetches = _fetches,
            Errors = _politeness.Errors,
            AdaptiveDelay = _politeness.AdaptiveDelay,
            NotBefore = _notBefore,
            RobotsStatus = _robots?.Status ?? "not fetched",
            Circuit = CircuitState(),
        };

    public Task<bool> TryAdmitUrlAsync(string jobId, long maxUrls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var count = _urlsByJob.GetValueOrDefault(jobId);
        if (count >= maxUrls)
        {
            return Task.FromResult(false);
        }

        _urlsByJob[jobId] = count + 1;
        return Task.FromResult(true);
    }

    public async Task DiscoverSitemapsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var host = GetPrimaryKeyString();
        var sent = 0;
        try
        {
            var compiled = await jobs.GetAsync(jobId, GrainFactory, cancellationToken);
            if (compiled is null)
            {
                Log.SitemapsForUnknownJob(logger, host, jobId);
                return;
            }

            var harvest = await ReadSitemapsAsync(compiled, jobId, cancellationToken);
            foreach (var problem in harvest.Problems)
            {
                Log.SitemapProblem(logger, host, jobId, problem);
            }

            foreach (var (url, sitemap) in harvest.Pages)
            {
                await GrainFactory.GetGrain<IUrlGrain>(UrlKey.Create(jobId, url)).DiscoverAsync(new Discovery(0, sitemap), cancellationToken);
                sent++;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A hostile sitemap must not keep the job from completing: the host still reports itself done.
            Log.SitemapsFailed(logger, ex, host, jobId);
        }

        Log.SitemapsRead(logger, host, jobId, sent);
        await GrainFactory.GetGrain<ICrawlJobGrain>(jobId).ReportProgressAsync(new ProgressDelta { Sent = sent, SitemapHostsDone = 1 }, cancellationToken);
    }

    private async Task<SitemapHarvest> ReadSitemapsAsync(CompiledJob job, string jobId, CancellationToken cancellationToken)
    {
        var (listed, refused) = await Robots().SitemapsAsync(job.FetchPolicy, cancellationToken);
        if (refused is not null)
        {
            return new SitemapHarvest([], [$"robots.txt not fetched: {refused}"]);
        }

        var spec = job.Spec;
        var sitemapPolicy = job.FetchPolicy with { KeepBody = true };
        return await HostSitemaps.ReadAsync(GetPrimaryKeyString(), listed, job, FetchSitemapAsync, cancellationToken);

        async Task<FetchResponse> FetchSitemapAsync(string url, CancellationToken token)
        {
            var request = new SlotRequest(spec.PerHostConcurrency, spec.MinDelay, spec.Adaptive, new Uri(url).PathAndQuery, spec.RespectRobots, jobId);
            SlotGrant grant;
            do
            {
                // No caller waits on this one-way turn, so a busy line is simply waited out.
                grant = await AcquireFetchSlotAsync(request, token);
            }
            while (grant.Busy);

            if (!grant.Allowed)
            {
                return new FetchResponse { Error = grant.Reason };
            }

            FetchResponse? response = null;
            try
            {
                response = await fetcher.FetchAsync(url, sitemapPolicy, token);
                return response;
            }
            finally
            {
                Release(grant.Slot, response is null ? FetchOutcome.NotFetched : new FetchOutcome(response.ElapsedMs, response.Status is null or 429 or >= 500, response.RetryAfter));
            }
        }
    }

    private string CircuitState()
    {
        var origin = new Uri(GetPrimaryKeyString());
        var state = fetcher.Pipelines.StateOf($"{origin.Scheme}://{origin.IdnHost}:{origin.Port}");
        return state is null ? "closed" : state.Value.ToString().ToLowerInvariant();
    }

    private HostRobots Robots() => _robots ??= new HostRobots(GetPrimaryKeyString(), fetcher, options.UserAgent, TimeProvider);

    private async Task<SlotGrant> AcquireAsync(SlotRequest request, CancellationToken cancellationToken)
    {
        if (request.RespectRobots)
        {
            var policy = request.JobId is { } jobId && await jobs.GetAsync(jobId, GrainFactory, cancellationToken) is { } job
                ? job.FetchPolicy
                : FetchPolicy.PublicOnly;
            if (await Robots().RefusalForAsync(request.PathAndQuery, policy, cancellationToken) is { } refusal)
            {
                return SlotGrant.Refused(refusal, TimeProvider.GetUtcNow());
            }
        }

        var waiter = new HostWaiter(request);
        var node = _waiting.AddLast(waiter);
        try
        {
            while (true)
            {
                var wake = waiter.NextWake();
                Grant(waiter);
                if (waiter.Granted.Task.IsCompleted)
                {
                    return await waiter.Granted.Task;
                }

                if (ReferenceEquals(_waiting.First, node))
                {
                    // Only the clock holds the head of the line back (the delay between starts, or a slot held until
                    // its longest hold ends), and nobody else would wake it then, so it waits for that itself. A
                    // release wakes it sooner. If the time came since Grant looked, go round now.
                    var until = _held.Count < request.MaxConcurrency || _held.Count == 0 ? _notBefore : _held.Values.Min();
                    var wait = until - TimeProvider.GetUtcNow();
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.WhenAny(waiter.Granted.Task, wake, Task.Delay(wait, TimeProvider, cancellationToken));
                    }
                }
                else
                {
                    await Task.WhenAny(waiter.Granted.Task, wake).WaitAsync(cancellationToken);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
            if (node.List is not null)
            {
                _waiting.Remove(node);
                Grant(null);
            }
            else
            {
                // Granted while being cancelled: give the slot back.
                Release(waiter.Granted.Task.Result.Slot, FetchOutcome.NotFetched);
            }

            throw;
        }
    }

    private void Release(long slot, FetchOutcome outcome)
    {
        _held.Remove(slot);
        if (!ReferenceEquals(outcome, FetchOutcome.NotFetched))
        {
            _politeness.Record(outcome);
        }

        if (outcome.RetryAfter is { } retryAfter)
        {
            var pause = retryAfter > options.MaxHostPause ? options.MaxHostPause : retryAfter;
            var until = TimeProvider.GetUtcNow() + pause;
            _notBefore = until > _notBefore ? until : _notBefore;
        }

        Grant(null);
    }

    /// <summary>
    /// Grants the head of the line while it fits; wakes it when only the clock holds it back, unless the head is
    /// the caller itself, which is about to wait out the delay anyway.
    /// </summary>
    private void Grant(HostWaiter? caller)
    {
        while (_waiting.First is { } head)
        {
            var waiter = head.Value;
            var now = TimeProvider.GetUtcNow();
            if (_held.Count >= waiter.Request.MaxConcurrency)
            {
                TakeBackOverdue(now);
                if (_held.Count >= waiter.Request.MaxConcurrency)
                {
                    return;
                }
            }

            if (now < _notBefore)
            {
                if (!ReferenceEquals(waiter, caller))
                {
                    waiter.Wake();
                }

                return;
            }

            _waiting.RemoveFirst();
            var slot = ++_lastSlot;
            _held.Add(slot, now + options.MaxSlotHold);
            _fetches++;
            var delay = _politeness.DelayFor(waiter.Request);
            if (waiter.Request.RespectRobots && _robots is { } robots && robots.CrawlDelay > delay)
            {
                delay = robots.CrawlDelay;
            }

            _notBefore = now + delay;
            waiter.Granted.TrySetResult(new SlotGrant(true, now, null, Slot: slot));
        }
    }

    /// <summary>Takes back the slots held past their longest hold.</summary>
    private void TakeBackOverdue(DateTimeOffset now)
    {
        foreach (var (slot, until) in _held)
        {
            // Removing while enumerating a dictionary is allowed; no other entry is skipped or seen twice.
            if (until <= now)
            {
                _held.Remove(slot);
                Log.SlotTakenBack(logger, GetPrimaryKeyString(), options.MaxSlotHold);
            }
        }
    }
}

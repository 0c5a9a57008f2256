using Crawler.Grains.Interfaces;
using Crawler.Grains.Urls;
using Crawler.Runtime;

namespace Crawler.Grains.Jobs;

/// <summary>
/// Records a job's spec, sends its seeds, grants page fetches within the job's limit and counts progress.
/// Completion needs no global scan: every link sent is answered once (accepted or duplicate) and every
/// accepted URL finishes once, so the job is done when both tallies balance.
/// </summary>
[GrainType("job")]
public sealed class CrawlJobGrain : Grain<CrawlJobState>, ICrawlJobGrain
{
    public async Task<JobStatus> StartAsync(CrawlJobSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (State.State != JobState.Unknown)
        {
            return Status();
        }

        var normalized = Validate(spec);
        State.Spec = normalized;
        State.State = JobState.Running;
        State.StartedAt = TimeProvider.GetUtcNow();
        State.Sent = normalized.Seeds.Count;
        foreach (var seed in normalized.Seeds)
        {
            await GrainFactory.GetGrain<IUrlGrain>(UrlKey.Create(GetPrimaryKeyString(), seed))
                .DiscoverAsync(new Discovery(0, null), cancellationToken);
        }

        if (normalized.UseSitemaps)
        {
            // Each seed host reads its sitemaps and answers once, with the URLs it sent: the job cannot complete before.
            var hosts = normalized.Seeds.Select(HostKey.Of).Distinct(StringComparer.Ordinal).ToList();
            State.SitemapHosts = hosts.Count;
            foreach (var host in hosts)
            {
                await GrainFactory.GetGrain<IHostGrain>(host).DiscoverSitemapsAsync(GetPrimaryKeyString(), cancellationToken);
            }
        }

        await WriteStateAsync();
        return Status();
    }

    public Task<JobStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(Status());

    public Task<CrawlJobSpec?> GetSpecAsync(CancellationToken cancellationToken = default) => Task.FromResult(State.Spec);

    public async Task<JobStatus> CancelAsync(CancellationToken cancellationToken = default)
    {
        if (State.State is JobState.Running or JobState.Paused)
        {
            State.State = JobState.Cancelled;
            State.FinishedAt = TimeProvider.GetUtcNow();
            await WriteStateAsync();
        }

        return Status();
    }

    public async Task<JobStatus> PauseAsync(CancellationToken cancellationToken = default)
    {
        if (State.State == JobState.Running)
        {
            State.State = JobState.Paused;
            await WriteStateAsync();
        }

        return Status();
    }

    public async Task<JobStatus> ResumeAsync(CancellationToken cancellationToken = default)
    {
        if (State.State == JobState.Paused)
        {
            State.State = JobState.Running;
            await WriteStateAsync();
        }

        return Status();
    }

    public async Task<PageStart> TryStartPageAsync(CancellationToken cancellationToken = default)
    {
        if (State.State == JobState.Paused)
        {
            return PageStart.Wait;
        }

        if (State.State != JobState.Running || State.Started >= (State.Spec!.MaxPages ?? long.MaxValue))
        {
            return PageStart.Skip;
        }

        State.Started++;
        if (State.Spec!.MaxPages is not null)
        {
            // Counted against the limit, so committed before the go-ahead: a job grain that moves to another silo
            // never grants more than the limit.
            await WriteStateAsync();
        }

        // Without a limit the count only tells the status what is in flight: it is written with the next progress
        // report, which saves every page a write (and a serialization) of the job's whole state.
        return PageStart.Go;
    }

    public async Task ReportProgressAsync(ProgressDelta delta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delta);
        State.Sent += delta.Sent;
        State.Accepted += delta.Accepted;
        State.Duplicates += delta.Duplicates;
        State.Requeued += delta.Requeued;
        State.Done += delta.Done;
        State.Failed += delta.Failed;
        State.Skipped += delta.Skipped;
        State.SitemapHostsDone += delta.SitemapHostsDone;
        State.Bytes += delta.Bytes;
        if (delta.StatusCode is { } status)
        {
            State.StatusCodes[status] = State.StatusCodes.GetValueOrDefault(status) + 1;
        }

        // A paused job with nothing left in flight or queued has nothing left to hold either: it is complete.
        if (State.State is JobState.Running or JobState.Paused && IsDrained())
        {
            State.State = JobState.Completed;
            State.FinishedAt = TimeProvider.GetUtcNow();
        }

        await WriteStateAsync();
    }

    private bool IsDrained() =>
        State.Sent == State.Accepted + State.Duplicates
        && State.Accepted == State.Done + State.Skipped
        && State.SitemapHostsDone == State.SitemapHosts;

    private JobStatus Status() => new()
    {
        JobId = GetPrimaryKeyString(),
        State = State.State,
        Discovered = State.Accepted,
        Done = State.Done,
        Failed = State.Failed,
        Skipped = State.Skipped,
        Queued = Math.Max(0, State.Sent - State.Accepted - State.Duplicates) + Math.Max(0, State.Accepted - State.Started - State.Skipped),
        // A page whose turn was redone (its silo lost the partition mid-fetch) asked to start twice: once finished, nothing is in flight.
        InFlight = State.State is JobState.Completed or JobState.Cancelled ? 0 : Math.Max(0, State.Started - State.Done),
        Requeued = State.Requeued,
        Bytes = State.Bytes,
        StatusCodes = new Dictionary<int, long>(State.StatusCodes),
        StartedAt = State.StartedAt,
        FinishedAt = State.FinishedAt,
    };

    private CrawlJobSpec Validate(CrawlJobSpec spec)
    {
        if (!JobId.IsValid(GetPrimaryKeyString()))
        {
            throw new ArgumentException($"'{GetPrimaryKeyString()}' is not a valid job id (1-64 letters, digits, '.', '_', '-').");
        }

        if (spec.Seeds is not { Count: > 0 })
        {
            throw new ArgumentException("A job needs at least one seed URL.");
        }

        if (spec.MaxDepth < 0 || spec.MaxPages < 0 || spec.PerHostConcurrency < 1 || spec.MaxLinksPerPage < 1)
        {
            throw new ArgumentException("MaxDepth and MaxPages must not be negative; PerHostConcurrency and MaxLinksPerPage must be at least 1.");
        }

        if (spec.MaxUrlsPerHost < 1 || spec.MaxPathSegments < 1 || spec.MaxSegmentRepeats < 1 || spec.MinDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("MaxUrlsPerHost, MaxPathSegments and MaxSegmentRepeats must be at least 1, and MinDelay not negative.");
        }

        if (spec.Warc is { } warc && (string.IsNullOrWhiteSpace(warc) || !warc.EndsWith(".warc.gz", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"The WARC path '{warc}' must name a .warc.gz file.");
        }

        if (spec.Warc is { } path && path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            // Caught here, or every page's archiving would fail on it.
            throw new ArgumentException("The WARC path contains a character no file name may hold.");
        }

        var normalizer = new UrlNormalizer(spec.SortQueryParameters);
        var seeds = new List<string>();
        foreach (var seed in spec.Seeds)
        {
            if (!normalizer.TryNormalize(seed, null, out var url, out var rejection))
            {
                throw new ArgumentException($"Seed '{seed}' cannot be crawled: {rejection}.");
            }

            if (!seeds.Contains(url))
            {
                seeds.Add(url);
            }
        }

        var normalized = spec with { Seeds = seeds };
        _ = new CompiledJob(normalized);
        return normalized;
    }
}

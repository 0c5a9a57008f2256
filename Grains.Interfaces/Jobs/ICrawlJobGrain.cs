using Crawler.Runtime;

namespace Crawler.Grains.Interfaces;

/// <summary>A crawl job, keyed by job id: records the spec, schedules the seeds, counts, detects completion.</summary>
public interface ICrawlJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job; starting it again with any spec returns its status unchanged.</summary>
    Task<JobStatus> StartAsync(CrawlJobSpec spec, CancellationToken cancellationToken = default);

    Task<JobStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops fetching: URLs not yet started are skipped.</summary>
    Task<JobStatus> CancelAsync(CancellationToken cancellationToken = default);

    /// <summary>The job's spec with normalized seeds; null if the job was never started.</summary>
    Task<CrawlJobSpec?> GetSpecAsync(CancellationToken cancellationToken = default);

    /// <summary>Holds fetching: pages in flight finish, queued URLs wait. Only a running job pauses; any other is unchanged.</summary>
    Task<JobStatus> PauseAsync(CancellationToken cancellationToken = default);

    /// <summary>Lets a paused job fetch again; any other is unchanged.</summary>
    Task<JobStatus> ResumeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Asked by a URL about to fetch: go (counted against the limit) while the job runs and is under its limit, wait
    /// while it is paused, skip otherwise.
    /// </summary>
    Task<PageStart> TryStartPageAsync(CancellationToken cancellationToken = default);

    [OneWay]
    Task ReportProgressAsync(ProgressDelta delta, CancellationToken cancellationToken = default);
}

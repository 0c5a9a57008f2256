using Crawler.Client.Crawling;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;

namespace Crawler.Client.Embedded;

/// <summary>Jobs on the embedded silo, through its <see cref="CrawlJobClient"/>.</summary>
internal sealed class EmbeddedJobConnection(CrawlJobClient jobs, TimeSpan pollInterval) : IJobConnection
{
    public Task<JobStatus> StartAsync(string jobId, CrawlJobSpec spec, CancellationToken cancellationToken) =>
        jobs.StartAsync(jobId, spec, cancellationToken);

    public Task<JobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken) =>
        jobs.GetStatusAsync(jobId, cancellationToken);

    public Task<JobStatus> CancelAsync(string jobId, CancellationToken cancellationToken) =>
        jobs.CancelAsync(jobId, cancellationToken);

    public IAsyncEnumerable<CrawlResult> StreamResultsAsync(string jobId, long offset, bool follow, CancellationToken cancellationToken) =>
        jobs.StreamResultsAsync(jobId, offset, follow, pollInterval, cancellationToken);
}

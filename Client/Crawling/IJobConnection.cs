using Crawler.Grains.Interfaces;

namespace Crawler.Client.Crawling;

/// <summary>
/// What a crawl run needs of the cluster, wherever it is: the embedded silo in this process, or a silo's gateway
/// over HTTP. <see cref="CrawlRunner"/> drives either the same way, so `crawl` and `submit --wait` look alike.
/// </summary>
internal interface IJobConnection
{
    Task<JobStatus> StartAsync(string jobId, CrawlJobSpec spec, CancellationToken cancellationToken);

    Task<JobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken);

    Task<JobStatus> CancelAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Results from <paramref name="offset"/> on; with <paramref name="follow"/>, new ones until the job ends.</summary>
    IAsyncEnumerable<CrawlResult> StreamResultsAsync(string jobId, long offset, bool follow, CancellationToken cancellationToken);
}

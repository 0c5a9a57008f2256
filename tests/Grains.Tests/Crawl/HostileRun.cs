using Crawler.Grains.Interfaces;

namespace Crawler.Grains.Tests.Crawl;

/// <summary>A finished hostile job: its status and results, and the managed memory it took.</summary>
/// <param name="Status">The job's final status.</param>
/// <param name="Results">Every result line.</param>
/// <param name="RetainedBytes">Managed heap after the job minus before, both after a full collection.</param>
/// <param name="PeakBytes">The largest managed heap seen while the job ran, minus the heap before it.</param>
public sealed record HostileRun(JobStatus Status, IReadOnlyList<CrawlResult> Results, long RetainedBytes, long PeakBytes)
{
    public CrawlResult ResultFor(string path) =>
        Results.Single(r => new Uri(r.Url).PathAndQuery == path);
}

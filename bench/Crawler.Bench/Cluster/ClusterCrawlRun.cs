using Crawler.Bench.Scenarios;

namespace Crawler.Bench.Cluster;

/// <summary>
/// One crawl on a cluster: its results, the CPU its silos spent from the submission to the job's end (user + system,
/// summed over the silos), and each silo's peak RSS by then.
/// </summary>
public sealed record ClusterCrawlRun(CrawlResultsFile Results, TimeSpan SiloCpu, IReadOnlyList<long> PeakRssBytes)
{
    public double PagesPerSecond => Results.Count / Results.Span.TotalSeconds;

    public double CpuMsPerPage => SiloCpu.TotalMilliseconds / Results.Count;

    public double LargestPeakRssMib => PeakRssBytes.Max() / (1024.0 * 1024.0);
}

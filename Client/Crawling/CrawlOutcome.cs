using Crawler.Grains.Interfaces;

namespace Crawler.Client.Crawling;

/// <summary>How a crawl ended: the job's final counters, how long it took, and the URLs recorded.</summary>
internal sealed record CrawlOutcome(JobStatus Status, TimeSpan Duration, IReadOnlyList<string> Urls)
{
    public double PagesPerSecond => Duration.TotalSeconds > 0 ? Status.Done / Duration.TotalSeconds : 0;
}

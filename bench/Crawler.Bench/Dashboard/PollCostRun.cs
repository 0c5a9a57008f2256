using Crawler.Bench.Scenarios;

namespace Crawler.Bench.Dashboard;

/// <summary>
/// One run of the pollcost scenario: the crawl the silo did (its results, the silo's CPU and the wall time from the
/// submission to the job's end) and the idle / polled window pairs measured on the same silo after it.
/// </summary>
public sealed record PollCostRun(CrawlResultsFile Results, TimeSpan CrawlCpu, TimeSpan CrawlElapsed, IReadOnlyList<PollWindowPair> Pairs)
{
    /// <summary>Cores the crawl kept busy on the silo: its CPU per second of crawling.</summary>
    public double CrawlCores => CrawlCpu / CrawlElapsed;

    /// <summary>
    /// What one poll every <paramref name="interval"/> adds to the crawl's CPU, in %, from one pair's CPU per poll:
    /// (CPU per poll / interval) / cores used by the crawl.
    /// </summary>
    public double OverheadPercent(PollWindowPair pair, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return 100 * (pair.CpuMsPerPoll / interval.TotalMilliseconds) / CrawlCores;
    }
}

using Crawler.Bench.Cluster;
using Crawler.Bench.Report;
using Crawler.Bench.Site;

namespace Crawler.Bench.Scenarios;

/// <summary>
/// The static site of the embedded row, served by the same nginx, crawled by 1 silo and by 3 silos on PostgreSQL (runs
/// alternated, a fresh schema each): pages/s over the results' fetch span, silo CPU per page during the job (summed
/// over the silos), and the largest silo's peak RSS. A run whose results miss or double a URL is an error.
/// </summary>
public static class ClusterCrawlScenario
{
    public static readonly int[] SiloCounts = [1, 3];

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, StaticSite site, NginxServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(server);
        var expected = site.ReachableUrlsAt(server.BaseUrl);
        string[] jobOptions =
        [
            "--scope", "host", "--per-host", $"{EmbeddedCrawlScenario.PerHostConcurrency}", "--delay", "0", "--no-adaptive",
        ];
        var runs = SiloCounts.ToDictionary(n => n, _ => new List<ClusterCrawlRun>());
        for (var run = 1; run <= context.RunCount; run++)
        {
            foreach (var silos in SiloCounts)
            {
                var name = $"cluster-{silos}silo-{run}";
                var crawl = await ClusterCrawl.RunAsync(context, name, silos, EmbeddedCrawlScenario.Concurrency, server.BaseUrl + StaticSite.SeedPath, jobOptions, cancellationToken);
                crawl.Results.RequireExactly(expected, name);
                runs[silos].Add(crawl);
            }
        }

        var note = $"{site.Pages:N0}-page static site, nginx (1 worker), per-host {EmbeddedCrawlScenario.PerHostConcurrency}, {EmbeddedCrawlScenario.Concurrency} fetches per silo, PostgreSQL on the same machine";
        return
        [
            new BenchRow("1 silo on PostgreSQL, static site", "pages/s", [.. runs[1].Select(r => r.PagesPerSecond)], 3_000, LowerIsBetter: false, note),
            new BenchRow("3 silos on PostgreSQL, static site", "pages/s", [.. runs[3].Select(r => r.PagesPerSecond)], null, LowerIsBetter: false, "same machine: the 3 silos share its cores"),
            new BenchRow("silo CPU per page, 1 silo (during the job)", "ms", [.. runs[1].Select(r => r.CpuMsPerPage)], null, LowerIsBetter: true, "user + sys from the submission to the job's end"),
            new BenchRow("silo CPU per page, 3 silos (sum, during the job)", "ms", [.. runs[3].Select(r => r.CpuMsPerPage)], null, LowerIsBetter: true),
            new BenchRow("peak RSS per silo, 1 silo", "MiB", [.. runs[1].Select(r => r.LargestPeakRssMib)], null, LowerIsBetter: true),
            new BenchRow("peak RSS per silo, 3 silos (largest)", "MiB", [.. runs[3].Select(r => r.LargestPeakRssMib)], null, LowerIsBetter: true),
        ];
    }
}

using System.Globalization;
using Crawler.Bench.Cluster;
using Crawler.Bench.Report;
using Crawler.Bench.Site;

namespace Crawler.Bench.Scenarios;

/// <summary>
/// Scale-out where fetching, not CPU, should bound a silo: the synthetic site with 50 hosts and 100 ms before every
/// answer, in its own process, crawled by 1 silo and by 3 silos with a fixed number of fetches per silo. Pages/s of
/// each, and the ratio of each alternated pair of runs. Results are checked against the site's own list of URLs.
/// </summary>
public static class ScaleOutScenario
{
    public const int Hosts = 50;
    public const int PerHostConcurrency = 4;
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var site = await SyntheticSiteServer.StartAsync(
            context.RequireSite(), context.ScaleOutPages, Hosts, Latency, Path.Combine(context.WorkDirectory, "synthetic-site"), cancellationToken);
        await context.Log.WriteLineAsync($"synthetic site: {context.ScaleOutPages:N0} pages on {Hosts} hosts, {Latency.TotalMilliseconds:N0} ms per answer, {site.Reachable.Count:N0} reachable URLs, at {site.Root}");

        // Per host 4 so that the hosts never bound the crawl (50 x 4 slots against 3 x 32 fetches); no delay, so the
        // site's latency is the only wait.
        string[] jobOptions = ["--scope", "domain", "--per-host", $"{PerHostConcurrency}", "--delay", "0", "--no-adaptive"];
        var one = new List<double>();
        var three = new List<double>();
        var ratios = new List<double>();
        for (var run = 1; run <= context.RunCount; run++)
        {
            foreach (var (silos, rates) in new[] { (1, one), (3, three) })
            {
                var name = $"scaleout-{silos}silo-{run}";
                var crawl = await ClusterCrawl.RunAsync(context, name, silos, context.ScaleOutConcurrency, site.Root.ToString(), jobOptions, cancellationToken);
                crawl.Results.RequireExactly(site.Reachable, name);
                rates.Add(crawl.PagesPerSecond);
            }

            ratios.Add(three[^1] / one[^1]);
            await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"scaleout run {run}: 3 silos / 1 silo = {ratios[^1]:N2}"));
        }

        var note = string.Create(CultureInfo.InvariantCulture,
            $"{context.ScaleOutPages:N0}-page synthetic site, {Hosts} hosts, {Latency.TotalMilliseconds:N0} ms per answer, {context.ScaleOutConcurrency} fetches per silo, per-host {PerHostConcurrency}");
        return
        [
            new BenchRow("scale-out: 1 silo, 50 hosts, 100 ms latency", "pages/s", one, null, LowerIsBetter: false, note),
            new BenchRow("scale-out: 3 silos, 50 hosts, 100 ms latency", "pages/s", three, null, LowerIsBetter: false),
            new BenchRow("scale-out: 3 silos / 1 silo", "ratio", ratios, 2.7, LowerIsBetter: false, "median of the alternated pairs' ratios"),
        ];
    }
}

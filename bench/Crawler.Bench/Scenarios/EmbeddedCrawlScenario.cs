using System.Globalization;
using Crawler.Bench.Measuring;
using Crawler.Bench.Report;
using Crawler.Bench.Site;

namespace Crawler.Bench.Scenarios;

/// <summary>
/// The `crawler crawl` CLI (embedded silo, in-memory substrate) on the static site served by nginx, in its own
/// process under GNU time: pages/s over the crawl's fetch span, the crawler's CPU per page (startup included) and its
/// peak RSS. A run whose results miss or double a reachable URL is an error, not a number.
/// </summary>
public static class EmbeddedCrawlScenario
{
    public const int PerHostConcurrency = 32;
    public const int Concurrency = 64;

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, StaticSite site, NginxServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(server);
        var pagesPerSecond = new List<double>();
        var cpuPerPage = new List<double>();
        var peakRss = new List<double>();
        for (var run = 1; run <= context.RunCount; run++)
        {
            var results = Path.Combine(context.WorkDirectory, $"embedded-{run}.jsonl");
            File.Delete(results);
            string[] arguments =
            [
                context.CrawlerDll, "crawl", server.BaseUrl + StaticSite.SeedPath,
                "--scope", "host", "--per-host", $"{PerHostConcurrency}", "--concurrency", $"{Concurrency}",
                "--delay", "0", "--no-adaptive", "-o", results, "-q",
            ];
            var measurement = await TimedProcess.RunAsync("dotnet", arguments, Path.Combine(context.WorkDirectory, $"embedded-{run}.log"), cancellationToken);
            if (measurement.ExitCode != 0)
            {
                throw new InvalidOperationException($"the embedded crawl exited with {measurement.ExitCode}; see {context.WorkDirectory}/embedded-{run}.log");
            }

            var read = await CrawlResultsFile.ReadAsync(results, cancellationToken);
            read.RequireExactly(site.ReachableUrlsAt(server.BaseUrl), $"embedded run {run}");

            pagesPerSecond.Add(read.Count / read.Span.TotalSeconds);
            cpuPerPage.Add(measurement.Cpu.TotalMilliseconds / read.Count);
            peakRss.Add(measurement.PeakRssBytes / (1024.0 * 1024.0));
            await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"embedded run {run}: {read.Count} results in {read.Span.TotalSeconds:N2} s of fetching ({measurement.Elapsed.TotalSeconds:N2} s wall), CPU {measurement.Cpu.TotalSeconds:N2} s, peak RSS {measurement.PeakRssBytes >> 20} MiB"));
        }

        var note = $"{site.Pages:N0} pages + {site.MissingTargets:N0} 404s, nginx (1 worker), per-host {PerHostConcurrency}, concurrency {Concurrency}";
        return
        [
            new BenchRow($"embedded crawl of the {site.Pages / 1000}k-page static site", "pages/s", pagesPerSecond, 8_000, LowerIsBetter: false, note),
            new BenchRow("crawler CPU per page (embedded, startup included)", "ms", cpuPerPage, 0.20, LowerIsBetter: true),
            new BenchRow($"peak RSS, embedded {site.Pages / 1000}k-page crawl", "MiB", peakRss, 300, LowerIsBetter: true),
        ];
    }
}

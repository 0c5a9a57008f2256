using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Bench.Cluster;
using Crawler.Bench.Frontier;
using Crawler.Bench.Processes;
using Crawler.Bench.Report;
using Crawler.Bench.Site;

namespace Crawler.Bench.Scenarios;

/// <summary>
/// A job that discovers about <see cref="BenchContext.FrontierUrls"/> URLs while fetching only a thousandth of them:
/// nginx serves one page with 1,000 relative links for every path, and --max-pages stops fetching after
/// FrontierUrls / 1,000 pages. The crawl is followed until its queue peaks, then stopped (the embedded one killed; the
/// silo sent SIGTERM): skipping a million queued URLs one by one would take many minutes and measure something else.
/// Embedded: RSS growth per URL added to the queue, from a tenth of the target to the peak. Cluster (1 silo on
/// PostgreSQL): the silo's RSS at the peak.
/// </summary>
public static class FrontierScenario
{
    public const int LinksPerPage = 1_000;
    private const int Concurrency = 64;
    private const int PerHostConcurrency = 32;
    private static readonly TimeSpan WatchLimit = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SubmitTimeout = TimeSpan.FromMinutes(1);

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = Path.Combine(context.WorkDirectory, "frontier-www");
        var pageBytes = FrontierSite.Generate(root, LinksPerPage);
        await using var nginx = await NginxServer.StartAsync(root, Path.Combine(context.WorkDirectory, "frontier-nginx"), FrontierSite.PagePath, cancellationToken);
        var maxPages = (context.FrontierUrls + LinksPerPage - 1) / LinksPerPage;
        var seed = nginx.BaseUrl + FrontierSite.SeedPath;

        // One host takes every URL, so its spider-trap cap must exceed them; no delay, so the discovering pages come fast.
        string[] jobOptions =
        [
            "--max-pages", $"{maxPages}", "--max-urls-per-host", $"{2L * context.FrontierUrls}",
            "--scope", "host", "--per-host", $"{PerHostConcurrency}", "--delay", "0", "--no-adaptive", "-q",
        ];
        await context.Log.WriteLineAsync($"frontier site: one {pageBytes / 1024.0:N1} KB page of {LinksPerPage:N0} links for every path at {nginx.BaseUrl}; --max-pages {maxPages:N0}");

        var bytesPerUrl = new List<double>();
        var embeddedPeaks = new List<double>();
        var siloRss = new List<double>();
        var siloPeaks = new List<double>();
        for (var run = 1; run <= context.RunCount; run++)
        {
            var embedded = await EmbeddedAsync(context, run, seed, jobOptions, maxPages, cancellationToken);
            var (perUrl, embeddedPeak) = PerQueuedUrl(embedded, context.FrontierUrls / 10);
            bytesPerUrl.Add(perUrl);
            embeddedPeaks.Add(embeddedPeak.Queued);
            await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"frontier embedded run {run}: peak {embeddedPeak.Queued:N0} queued at {embeddedPeak.At.TotalSeconds:N0} s, RSS {embeddedPeak.Process.RssBytes >> 20} MiB; {perUrl:N0} bytes per queued URL"));

            var cluster = await ClusterAsync(context, run, seed, jobOptions, maxPages, cancellationToken);
            var clusterPeak = cluster.MaxBy(s => s.Queued) ?? throw new InvalidOperationException("the frontier job on the cluster was never seen running");
            siloRss.Add(clusterPeak.Process.RssBytes / (1024.0 * 1024.0));
            siloPeaks.Add(clusterPeak.Queued);
            await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"frontier cluster run {run}: peak {clusterPeak.Queued:N0} queued at {clusterPeak.At.TotalSeconds:N0} s, silo RSS {clusterPeak.Process.RssBytes >> 20} MiB (peak so far {clusterPeak.Process.PeakRssBytes >> 20} MiB)"));
        }

        return
        [
            new BenchRow("memory per queued URL, embedded", "bytes", bytesPerUrl, 150, LowerIsBetter: true,
                $"RSS growth from {context.FrontierUrls / 10:N0} queued URLs to the queue's peak, per URL added"),
            new BenchRow("queued URLs at the peak, embedded", "URLs", embeddedPeaks, null, LowerIsBetter: false, $"--max-pages {maxPages:N0}, {LinksPerPage:N0} new links per page"),
            new BenchRow($"silo RSS with ~{context.FrontierUrls:N0} queued URLs (1 silo on PostgreSQL)", "MiB", siloRss, 400, LowerIsBetter: true, "RSS when the queue peaked"),
            new BenchRow("queued URLs at the peak, 1 silo on PostgreSQL", "URLs", siloPeaks, null, LowerIsBetter: false),
        ];
    }

    /// <summary>RSS added per URL queued between the first sample at <paramref name="from"/> queued URLs and the peak.</summary>
    private static (double BytesPerUrl, FrontierSample Peak) PerQueuedUrl(IReadOnlyList<FrontierSample> samples, long from)
    {
        var peak = samples.MaxBy(s => s.Queued) ?? throw new InvalidOperationException("the embedded frontier job was never seen running");
        var start = samples.FirstOrDefault(s => s.Queued >= from && s.At < peak.At) ?? samples[0];
        var added = peak.Queued - start.Queued;
        return (added > 0 ? (peak.Process.RssBytes - start.Process.RssBytes) / (double)added : double.NaN, peak);
    }

    private static async Task<IReadOnlyList<FrontierSample>> EmbeddedAsync(
        BenchContext context, int run, string seed, string[] jobOptions, int maxPages, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(context.WorkDirectory, $"frontier-embedded-{run}");
        var dashboard = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        string[] arguments = [context.CrawlerDll, "crawl", seed, "--concurrency", $"{Concurrency}", "--dashboard", dashboard.ToString(), .. jobOptions];
        await using var crawl = ChildProcess.Start("dotnet", arguments, directory, Path.Combine(directory, "crawl.log"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var samples = await FrontierWatcher.WatchAsync(
            async token =>
            {
                var jobs = await TryGetAsync(http, new Uri(dashboard, "/dashboard/api/jobs"), token);
                return jobs is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0 ? JobProgress.Parse(list[0].GetProperty("status")) : null;
            },
            crawl.Sample,
            maxPages,
            WatchLimit,
            Path.Combine(directory, "samples.csv"),
            context.Time,
            cancellationToken);

        // Measured; the skipping of the rest is of no interest here.
        await crawl.KillAsync();
        return samples;
    }

    private static async Task<IReadOnlyList<FrontierSample>> ClusterAsync(
        BenchContext context, int run, string seed, string[] jobOptions, int maxPages, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(context.WorkDirectory, $"frontier-cluster-{run}");
        await using var cluster = await BenchCluster.StartAsync(
            context.RequireSilo(), context.PostgresConnectionString, 1, Concurrency, context.SiloPoolSize, directory, context.Log, context.Time, cancellationToken);
        string[] arguments = [context.CrawlerDll, "submit", seed, "--gateway", cluster.Gateway.ToString(), .. jobOptions];
        string jobId;
        await using (var submit = ChildProcess.Start("dotnet", arguments, directory, Path.Combine(directory, "submit.log")))
        {
            // Quiet, without --wait, the CLI prints the job's id alone.
            jobId = (await submit.FirstLineAsync(SubmitTimeout, cancellationToken)).Trim();
            if (await submit.WaitForExitAsync(SubmitTimeout, cancellationToken) != 0)
            {
                throw new InvalidOperationException($"crawler submit failed; see {submit.LogPath}");
            }
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var silo = cluster.Silos[0];
        return await FrontierWatcher.WatchAsync(
            async token => await TryGetAsync(http, new Uri(cluster.Gateway, $"/api/jobs/{jobId}"), token) is { } status ? JobProgress.Parse(status) : null,
            silo.Sample,
            maxPages,
            WatchLimit,
            Path.Combine(directory, "samples.csv"),
            context.Time,
            cancellationToken);
    }

    /// <summary>The JSON at <paramref name="url"/>, or null while it does not answer (starting, or too busy to answer in time).</summary>
    private static async Task<JsonElement?> TryGetAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await http.GetFromJsonAsync<JsonDocument>(url, cancellationToken);
            return document?.RootElement.Clone();
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException or JsonException) && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}

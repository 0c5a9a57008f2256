using System.Globalization;
using Crawler.Bench.Processes;
using Crawler.Bench.Scenarios;

namespace Crawler.Bench.Cluster;

/// <summary>
/// A crawl as an operator runs one on a cluster: silo processes on a fresh PostgreSQL schema, the job submitted with the
/// published CLI (`crawler submit ... --gateway ... --wait -o results.jsonl`), the silos stopped with SIGTERM after.
/// </summary>
public static class ClusterCrawl
{
    private static readonly TimeSpan CrawlTimeout = TimeSpan.FromMinutes(15);

    /// <param name="name">The run's folder under the work directory: silo logs, the CLI's output, the results.</param>
    /// <param name="jobOptions">Options of `crawler submit` beyond the seed, the gateway and the output.</param>
    public static async Task<ClusterCrawlRun> RunAsync(
        BenchContext context, string name, int silos, int concurrencyPerSilo, string seed, IReadOnlyList<string> jobOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var directory = Path.Combine(context.WorkDirectory, name);
        Directory.CreateDirectory(directory);
        var results = Path.Combine(directory, "results.jsonl");
        var cluster = await BenchCluster.StartAsync(
            context.RequireSilo(), context.PostgresConnectionString, silos, concurrencyPerSilo, context.SiloPoolSize, directory, context.Log, context.Time, cancellationToken);
        TimeSpan cpu;
        long[] peaks;
        await using (cluster)
        {
            var before = cluster.Silos.Select(s => s.Sample()).ToList();
            string[] arguments = [context.CrawlerDll, "submit", seed, "--gateway", cluster.Gateway.ToString(), "--wait", "-o", results, "-q", .. jobOptions];
            await using var submit = ChildProcess.Start("dotnet", arguments, directory, Path.Combine(directory, "submit.log"));
            var exitCode = await submit.WaitForExitAsync(CrawlTimeout, cancellationToken);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"crawler submit exited with {exitCode}; see {submit.LogPath} and the silo logs beside it");
            }

            var after = cluster.Silos.Select(s => s.Sample()).ToList();
            cpu = after.Zip(before, (a, b) => a.Cpu - b.Cpu).Aggregate(TimeSpan.Zero, (sum, c) => sum + c);
            peaks = [.. after.Select(a => a.PeakRssBytes)];
        }

        if (!cluster.StoppedGracefully)
        {
            throw new InvalidOperationException($"a silo of {name} did not stop on SIGTERM; see the logs in {directory}");
        }

        var read = await CrawlResultsFile.ReadAsync(results, cancellationToken);
        await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {read.Count} results in {read.Span.TotalSeconds:N2} s of fetching, silo CPU {cpu.TotalSeconds:N2} s, peak RSS {string.Join(" / ", peaks.Select(p => $"{p >> 20} MiB"))}"));
        return new ClusterCrawlRun(read, cpu, peaks);
    }
}

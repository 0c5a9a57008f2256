using Crawler.Bench.Dashboard;
using System.CommandLine;
using System.Runtime.InteropServices;
using Crawler.Bench.Report;
using Crawler.Bench.Scenarios;
using Crawler.Bench.Site;
using Spectre.Console;

namespace Crawler.Bench;

/// <summary>
/// `crawler-bench run`: generates the static site, serves it with nginx, runs every scenario the given number of
/// times (the cluster ones on PostgreSQL, the scale-out one on the synthetic site) and prints the medians as a table
/// (and JSON). `crawler-bench site DIR`: only writes the site.
/// bench/run builds everything and calls this; see bench/README.md.
/// </summary>
public static class BenchCli
{
    private static readonly string[] AllScenarios = ["embedded", "dashboard", "pollcost", "cluster", "scaleout", "frontier", "micro"];

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("The crawler's benchmark suite.");
        root.Subcommands.Add(BuildRun());
        root.Subcommands.Add(BuildSite());
        return await root.Parse(args).InvokeAsync();
    }

    private static Command BuildRun()
    {
        var crawler = new Option<string>("--crawler") { Description = "The published crawler CLI (crawler.dll).", Required = true };
        var runs = new Option<int>("--runs") { Description = "Runs per scenario; the table shows medians (default 3).", DefaultValueFactory = _ => 3 };
        var pages = new Option<int>("--pages") { Description = "Pages of the static site (default 20000).", DefaultValueFactory = _ => 20_000 };
        var work = new Option<string>("--work") { Description = "Scratch folder for the site, logs and results.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "crawler-bench") };
        var micro = new Option<string?>("--micro") { Description = "The published micro-benchmarks (crawler-micro.dll); without it they are not run." };
        var only = new Option<string[]>("--only") { Description = $"Run only these scenarios: {string.Join(", ", AllScenarios)}.", AllowMultipleArgumentsPerToken = true };
        var json = new Option<string?>("--json") { Description = "Also write the table as JSON to this file." };
        var silo = new Option<string?>("--silo") { Description = "The published silo (Crawler.Silo.dll), for the pollcost, cluster, scaleout and frontier scenarios." };
        var site = new Option<string?>("--site") { Description = "The published synthetic site (Crawler.SyntheticSite.dll), for the scaleout scenario." };
        var postgres = new Option<string>("--postgres")
        {
            Description = "PostgreSQL for the cluster scenarios; each cluster gets a fresh schema there, dropped after (default: CRAWLER_BENCH_POSTGRES, else the local `crawler` database).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CRAWLER_BENCH_POSTGRES") is { Length: > 0 } chosen ? chosen : BenchContext.DefaultPostgres,
        };
        var clusterPages = new Option<int>("--cluster-pages") { Description = $"Pages of the static site the cluster scenario crawls (default {BenchContext.DefaultClusterPages}).", DefaultValueFactory = _ => BenchContext.DefaultClusterPages };
        var poolSize = new Option<int>("--silo-pool-size") { Description = $"PostgreSQL connections per silo, unless --postgres names a pool size (default {BenchContext.DefaultSiloPoolSize}).", DefaultValueFactory = _ => BenchContext.DefaultSiloPoolSize };
        var scaleOutPages = new Option<int>("--scaleout-pages") { Description = $"Pages of the scaleout scenario's synthetic site (default {BenchContext.DefaultScaleOutPages}).", DefaultValueFactory = _ => BenchContext.DefaultScaleOutPages };
        var scaleOutConcurrency = new Option<int>("--scaleout-concurrency") { Description = $"Fetches at once per silo in the scaleout scenario (default {BenchContext.DefaultScaleOutConcurrency}).", DefaultValueFactory = _ => BenchContext.DefaultScaleOutConcurrency };
        var frontierUrls = new Option<int>("--frontier-urls") { Description = $"URLs the frontier scenario queues (default {BenchContext.DefaultFrontierUrls}).", DefaultValueFactory = _ => BenchContext.DefaultFrontierUrls };
        var dashboardPoll = new Option<int>("--dashboard-poll-ms")
        {
            Description = $"How often the dashboard scenario polls, in ms (default {DashboardPoller.PageInterval.TotalMilliseconds}, the page's pace); faster polling magnifies the cost, which is then also shown scaled back to the page's pace.",
            DefaultValueFactory = _ => (int)DashboardPoller.PageInterval.TotalMilliseconds,
        };
        var dashboardPages = new Option<int>("--dashboard-pages") { Description = $"Pages of the static site the dashboard scenario crawls in each of its runs (default {BenchContext.DefaultDashboardPages}).", DefaultValueFactory = _ => BenchContext.DefaultDashboardPages };
        var pollCostPages = new Option<int>("--pollcost-pages") { Description = $"Pages of the static site the pollcost scenario's silo crawls before its dashboard is polled (default {BenchContext.DefaultPollCostPages}).", DefaultValueFactory = _ => BenchContext.DefaultPollCostPages };
        var command = new Command("run", "Run the suite and print the table.");
        command.Options.Add(crawler);
        command.Options.Add(runs);
        command.Options.Add(pages);
        command.Options.Add(work);
        command.Options.Add(micro);
        command.Options.Add(only);
        command.Options.Add(json);
        command.Options.Add(silo);
        command.Options.Add(site);
        command.Options.Add(postgres);
        command.Options.Add(clusterPages);
        command.Options.Add(poolSize);
        command.Options.Add(scaleOutPages);
        command.Options.Add(scaleOutConcurrency);
        command.Options.Add(frontierUrls);
        command.Options.Add(dashboardPages);
        command.Options.Add(dashboardPoll);
        command.Options.Add(pollCostPages);
        command.SetAction(async (parse, token) =>
        {
            var workDirectory = Path.GetFullPath(parse.GetValue(work)!);
            var selected = parse.GetValue(only) is { Length: > 0 } names ? names : AllScenarios;
            if (selected.FirstOrDefault(s => !AllScenarios.Contains(s, StringComparer.Ordinal)) is { } unknown)
            {
                await Console.Error.WriteLineAsync($"unknown scenario '{unknown}'; the scenarios are {string.Join(", ", AllScenarios)}");
                return 2;
            }

            using var workLock = WorkFolderLock.TryTake(workDirectory);
            if (workLock is null)
            {
                await Console.Error.WriteLineAsync($"another crawler-bench run is using {workDirectory}; give this one a folder of its own with --work");
                return 2;
            }

            var context = new BenchContext(Path.GetFullPath(parse.GetValue(crawler)!), workDirectory, parse.GetValue(runs), parse.GetValue(pages), Console.Out)
            {
                Scenarios = new HashSet<string>(selected, StringComparer.Ordinal),
                MicroDll = FullPathOrNull(parse.GetValue(micro)),
                SiloDll = FullPathOrNull(parse.GetValue(silo)),
                SiteDll = FullPathOrNull(parse.GetValue(site)),
                PostgresConnectionString = parse.GetValue(postgres)!,
                ClusterPages = parse.GetValue(clusterPages),
                SiloPoolSize = parse.GetValue(poolSize),
                ScaleOutPages = parse.GetValue(scaleOutPages),
                ScaleOutConcurrency = parse.GetValue(scaleOutConcurrency),
                FrontierUrls = parse.GetValue(frontierUrls),
                DashboardPages = parse.GetValue(dashboardPages),
                DashboardPoll = TimeSpan.FromMilliseconds(Math.Max(1, parse.GetValue(dashboardPoll))),
                PollCostPages = parse.GetValue(pollCostPages),
            };
            var report = await RunSuiteAsync(context, token);
            AnsiConsole.Write(report.ToTable());
            if (parse.GetValue(json) is { } jsonPath)
            {
                await report.WriteJsonAsync(jsonPath, token);
                Console.WriteLine($"written {jsonPath}");
            }

            return 0;
        });
        return command;
    }

    private static Command BuildSite()
    {
        var directory = new Argument<string>("directory") { Description = "Where to write the site." };
        var pages = new Option<int>("--pages") { Description = "Pages (default 20000).", DefaultValueFactory = _ => 20_000 };
        var command = new Command("site", "Write the static site only (to serve it yourself).");
        command.Arguments.Add(directory);
        command.Options.Add(pages);
        command.SetAction(parse =>
        {
            var site = StaticSiteGenerator.Generate(Path.GetFullPath(parse.GetValue(directory)!), parse.GetValue(pages));
            Console.WriteLine($"{site.Pages} pages, {site.MissingTargets} missing targets, {site.Bytes / (1024 * 1024)} MiB in {site.Root}; seed {StaticSite.SeedPath}");
            return 0;
        });
        return command;
    }

    private static async Task<BenchReport> RunSuiteAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        if (Directory.Exists(context.WorkDirectory))
        {
            Directory.Delete(context.WorkDirectory, recursive: true);
        }

        Directory.CreateDirectory(context.WorkDirectory);
        var rows = new List<BenchRow>();
        if (context.Runs("embedded"))
        {
            var site = StaticSiteGenerator.Generate(Path.Combine(context.WorkDirectory, "www"), context.Pages);
            await context.Log.WriteLineAsync($"site: {site.Pages} pages, {site.MissingTargets} missing targets, {site.Bytes / (1024 * 1024)} MiB");
            await using var nginx = await NginxServer.StartAsync(site.Root, Path.Combine(context.WorkDirectory, "nginx"), cancellationToken);
            rows.AddRange(await EmbeddedCrawlScenario.RunAsync(context, site, nginx, cancellationToken));
        }

        if (context.Runs("dashboard"))
        {
            // Its own site, by default larger than the embedded one: longer crawls, so the dashboard's one-time warm-up
            // (JIT of its endpoints and serializers) weighs less against what polling costs all along.
            var site = StaticSiteGenerator.Generate(Path.Combine(context.WorkDirectory, "www-dashboard"), context.DashboardPages);
            await context.Log.WriteLineAsync($"dashboard site: {site.Pages} pages, {site.MissingTargets} missing targets, {site.Bytes / (1024 * 1024)} MiB");
            await using var nginx = await NginxServer.StartAsync(site.Root, Path.Combine(context.WorkDirectory, "nginx-dashboard"), cancellationToken);
            rows.AddRange(await DashboardOverheadScenario.RunAsync(context, site, nginx, cancellationToken));
        }

        if (context.Runs("pollcost"))
        {
            // Small enough that the silo crawls it in about a minute; its activations are then what the dashboard reads.
            var site = StaticSiteGenerator.Generate(Path.Combine(context.WorkDirectory, "www-pollcost"), context.PollCostPages);
            await context.Log.WriteLineAsync($"pollcost site: {site.Pages} pages, {site.MissingTargets} missing targets, {site.Bytes / (1024 * 1024)} MiB");
            await using var nginx = await NginxServer.StartAsync(site.Root, Path.Combine(context.WorkDirectory, "nginx-pollcost"), cancellationToken);
            rows.AddRange(await PollCostScenario.RunAsync(context, site, nginx, cancellationToken));
        }

        if (context.Runs("cluster"))
        {
            // The same kind of site, by default smaller: a cluster on PostgreSQL crawls it many times slower.
            var site = StaticSiteGenerator.Generate(Path.Combine(context.WorkDirectory, "www-cluster"), context.ClusterPages);
            await context.Log.WriteLineAsync($"cluster site: {site.Pages} pages, {site.MissingTargets} missing targets, {site.Bytes / (1024 * 1024)} MiB");
            await using var nginx = await NginxServer.StartAsync(site.Root, Path.Combine(context.WorkDirectory, "nginx-cluster"), cancellationToken);
            rows.AddRange(await ClusterCrawlScenario.RunAsync(context, site, nginx, cancellationToken));
        }

        if (context.Runs("scaleout"))
        {
            rows.AddRange(await ScaleOutScenario.RunAsync(context, cancellationToken));
        }

        if (context.Runs("frontier"))
        {
            rows.AddRange(await FrontierScenario.RunAsync(context, cancellationToken));
        }

        if (context.Runs("micro") && context.MicroDll is { } microDll)
        {
            await context.Log.WriteLineAsync("micro-benchmarks (BenchmarkDotNet)...");
            rows.AddRange(await MicroScenario.RunAsync(context, microDll, cancellationToken));
        }

        return new BenchReport(startedAt, Machine(), rows);
    }

    private static string? FullPathOrNull(string? path) => path is null ? null : Path.GetFullPath(path);

    private static string Machine() =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 30} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
}

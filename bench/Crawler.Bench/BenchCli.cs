using System.CommandLine;
using System.Runtime.InteropServices;
using Crawler.Bench.Report;
using Crawler.Bench.Scenarios;
using Crawler.Bench.Site;
using Spectre.Console;

namespace Crawler.Bench;

/// <summary>
/// `crawler-bench run`: generates the static site, serves it with nginx, runs every scenario the given number of
/// times and prints the medians as a table (and JSON). `crawler-bench site DIR`: only writes the site.
/// bench/run builds everything and calls this; see bench/README.md.
/// </summary>
public static class BenchCli
{
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
        var only = new Option<string[]>("--only") { Description = "Run only these scenarios: embedded, micro.", AllowMultipleArgumentsPerToken = true };
        var json = new Option<string?>("--json") { Description = "Also write the table as JSON to this file." };
        var command = new Command("run", "Run the suite and print the table.");
        command.Options.Add(crawler);
        command.Options.Add(runs);
        command.Options.Add(pages);
        command.Options.Add(work);
        command.Options.Add(micro);
        command.Options.Add(only);
        command.Options.Add(json);
        command.SetAction(async (parse, token) =>
        {
            var workDirectory = Path.GetFullPath(parse.GetValue(work)!);
            var selected = parse.GetValue(only) is { Length: > 0 } names ? names : ["embedded", "micro"];
            var microDll = parse.GetValue(micro) is { } path ? Path.GetFullPath(path) : null;
            var context = new BenchContext(Path.GetFullPath(parse.GetValue(crawler)!), workDirectory, parse.GetValue(runs), parse.GetValue(pages), Console.Out)
            {
                Scenarios = new HashSet<string>(selected, StringComparer.Ordinal),
                MicroDll = microDll,
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

        if (context.Runs("micro") && context.MicroDll is { } microDll)
        {
            await context.Log.WriteLineAsync("micro-benchmarks (BenchmarkDotNet)...");
            rows.AddRange(await MicroScenario.RunAsync(context, microDll, cancellationToken));
        }

        return new BenchReport(startedAt, Machine(), rows);
    }

    private static string Machine() =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes >> 30} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
}

using System.CommandLine;
using Crawler.Client.Crawling;
using Crawler.Client.Gateway;
using Crawler.Grains.Interfaces;
using Crawler.SyntheticSite;
using Spectre.Console;

namespace Crawler.Client.Cli;

/// <summary>
/// The `crawler` command line: `crawl` and `demo` on an embedded silo; `submit`, `status`, `results`, `cancel` and
/// `cluster` against a cluster through any silo's gateway.
/// </summary>
internal static class CrawlerCli
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;
    public const int ExitInterrupted = 130;

    /// <param name="args">The command line.</param>
    /// <param name="cancellationToken">Cancels the command as Ctrl+C does.</param>
    /// <param name="console">Where output goes; the terminal by default.</param>
    /// <param name="error">Where the one-line errors go; standard error by default.</param>
    /// <param name="environment">Reads environment variables (CRAWLER_GATEWAY, CRAWLER_API_KEY); the process's by default.</param>
    public static async Task<int> RunAsync(
        string[] args,
        CancellationToken cancellationToken,
        IAnsiConsole? console = null,
        TextWriter? error = null,
        Func<string, string?>? environment = null)
    {
        console ??= AnsiConsole.Console;
        error ??= Console.Error;
        var root = Build(console, environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await error.WriteLineAsync($"crawler: {parse.Errors[0].Message} (see 'crawler --help')");
            return ExitUsage;
        }

        try
        {
            // Our handlers below print one line; the default handler would print a stack trace.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"crawler: {ex.Message}");
            return ExitUsage;
        }
        catch (GatewayException ex)
        {
            await error.WriteLineAsync(ex.IsUsageError ? $"crawler: {ex.Message}" : $"crawler: error: {ex.Message}");
            return ex.IsUsageError ? ExitUsage : ExitFailed;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C before the command had anything to show.
            return ExitInterrupted;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A user sees one line, not a stack trace; --log-file keeps the details.
            await error.WriteLineAsync($"crawler: error: {ex.Message}");
            return ExitFailed;
        }
    }

    private static RootCommand Build(IAnsiConsole console, Func<string, string?>? environment)
    {
        var root = new RootCommand("A distributed web crawler on a virtual-actor runtime. Each URL, host and job is a grain.");
        root.Subcommands.Add(BuildCrawl(console));
        root.Subcommands.Add(BuildDemo(console));
        foreach (var command in GatewayCommands.Build(console, () => new GatewayOptionSet(environment)))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static Command BuildCrawl(IAnsiConsole console)
    {
        var urls = new Argument<string[]>("url") { Description = "Seed URLs (http or https).", Arity = ArgumentArity.ZeroOrMore };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Run the embedded silo on this PostgreSQL database (Npgsql connection string; Search Path names the schema), so the crawl survives a restart: continue it with --resume JOB.",
        };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue this job, stopped or killed, from its database (with --postgres; no seed URLs): nothing recorded is fetched again.",
        };
        var options = new CrawlOptionSet();
        var command = new Command("crawl", "Crawl from the seed URLs with an embedded silo.");
        command.Arguments.Add(urls);
        options.AddTo(command);
        options.AddDashboardTo(command);
        command.Options.Add(postgres);
        command.Options.Add(resume);
        command.SetAction(async (parse, token) =>
        {
            var seeds = parse.GetValue(urls) ?? [];
            var settings = parse.GetValue(resume) is { } resumed
                ? options.ToResumeSettings(parse, resumed, seeds, parse.GetValue(postgres), CrawlDefaults.Crawl)
                : options.ToSettings(parse, seeds.Length > 0 ? seeds : throw new CliException("crawl needs at least one seed URL (or --resume JOB)"), CrawlDefaults.Crawl);
            var outcome = await new CrawlRunner(console).RunEmbeddedAsync(settings, parse.GetValue(postgres), token);
            console.Write(SummaryTable.Build(outcome, settings.OutputPath));
            return token.IsCancellationRequested ? ExitInterrupted : ExitOk;
        });
        return command;
    }

    private static Command BuildDemo(IAnsiConsole console)
    {
        var pages = new Option<int>("--pages") { Description = "Pages in the demo site (default 2000).", DefaultValueFactory = _ => 2000 };
        var hosts = new Option<int>("--hosts") { Description = "Hosts (loopback ports) in the demo site (default 5).", DefaultValueFactory = _ => 5 };
        var latency = new Option<int>("--latency-ms") { Description = "Delay before each response of the demo site (default 0).", DefaultValueFactory = _ => 0 };
        var options = new CrawlOptionSet();
        var command = new Command("demo", "Serve a synthetic site on loopback and crawl it: works offline.");
        command.Options.Add(pages);
        command.Options.Add(hosts);
        command.Options.Add(latency);
        options.AddTo(command);
        options.AddDashboardTo(command);
        command.SetAction(async (parse, token) =>
        {
            var siteOptions = new SiteOptions { Pages = parse.GetValue(pages), Hosts = parse.GetValue(hosts), Latency = TimeSpan.FromMilliseconds(parse.GetValue(latency)) };
            try
            {
                siteOptions.Validate();
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new CliException($"invalid demo site: {ex.Message}", ex);
            }

            await using var site = await SyntheticWebSite.StartAsync(siteOptions, token);
            var settings = options.ToSettings(parse, [site.Root.ToString()], CrawlDefaults.Demo);
            console.MarkupLine($"demo site: [blue]{siteOptions.Pages:N0}[/] pages on [blue]{siteOptions.Hosts}[/] hosts at {Markup.Escape(site.Root.ToString())}");
            var outcome = await new CrawlRunner(console).RunEmbeddedAsync(settings, postgres: null, token);
            console.Write(SummaryTable.Build(outcome, settings.OutputPath));
            if (token.IsCancellationRequested)
            {
                return ExitInterrupted;
            }

            return Verify(console, site, settings, outcome) ? ExitOk : ExitFailed;
        });
        return command;
    }

    /// <summary>The demo checks itself: the results must be exactly the site's reachable pages.</summary>
    private static bool Verify(IAnsiConsole console, SyntheticWebSite site, CrawlSettings settings, CrawlOutcome outcome)
    {
        var spec = settings.Spec;
        if (spec.MaxPages is not null || spec.Include.Count > 0 || spec.Exclude.Count > 0 || spec.Scope == CrawlScope.Any)
        {
            console.MarkupLine("[grey]not verified: page limits, patterns and scope 'any' make the expected set differ from the site's[/]");
            return true;
        }

        var expected = site.Reachable(spec.Scope == CrawlScope.Host ? SiteScope.RootHost : SiteScope.AllHosts, spec.MaxDepth);
        var recorded = outcome.Urls;
        var distinct = recorded.ToHashSet(StringComparer.Ordinal);
        var missing = expected.Count(u => !distinct.Contains(u));
        var unexpected = distinct.Count(u => !expected.Contains(u));
        var twice = recorded.Count - distinct.Count;
        if (missing == 0 && unexpected == 0 && twice == 0 && site.ExternalRequests == 0)
        {
            console.MarkupLine($"[green]verified:[/] {recorded.Count:N0} results = the {expected.Count:N0} pages reachable on the site, none missing, none twice, no external fetch");
            return true;
        }

        console.MarkupLine($"[red]verification failed:[/] {missing} missing, {unexpected} unexpected, {twice} recorded twice, {site.ExternalRequests} external fetches");
        return false;
    }
}

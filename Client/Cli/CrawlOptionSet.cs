using System.CommandLine;
using Crawler.Client.Crawling;
using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;

namespace Crawler.Client.Cli;

/// <summary>The options `crawl` and `demo` share, and how they become a validated <see cref="CrawlSettings"/>.</summary>
internal sealed class CrawlOptionSet
{
    public Option<long?> MaxPages { get; } = new("--max-pages") { Description = "Fetch at most this many pages (default: no limit)." };

    public Option<int?> MaxDepth { get; } = new("--max-depth") { Description = "Follow links at most this many hops from a seed (default: no limit)." };

    public Option<string> Scope { get; } = new("--scope") { Description = "Which links to follow: host (the seeds' hosts), domain (and their subdomains, any port), any." };

    public Option<string[]> Include { get; } = new("--include") { Description = "Follow only URLs matching one of these regexes.", AllowMultipleArgumentsPerToken = true };

    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "Never follow URLs matching one of these regexes.", AllowMultipleArgumentsPerToken = true };

    public Option<int> Concurrency { get; } = new("--concurrency")
    {
        Description = $"Fetches at once, over all hosts (default {CrawlerOptions.DefaultMaxConcurrentFetches}).",
        DefaultValueFactory = _ => CrawlerOptions.DefaultMaxConcurrentFetches,
    };

    public Option<int?> PerHost { get; } = new("--per-host")
    {
        Description = $"Fetches at once to one host (default {CrawlJobSpec.DefaultPerHostConcurrency}; 8 for the demo).",
    };

    public Option<int?> Delay { get; } = new("--delay")
    {
        Description = $"Least milliseconds between request starts on one host (default {CrawlJobSpec.DefaultMinDelay.TotalMilliseconds}; 0 for the demo).",
    };

    public Option<bool> NoAdaptive { get; } = new("--no-adaptive") { Description = "Do not slow down as a host's latency and errors rise." };

    public Option<bool> IgnoreRobots { get; } = new("--ignore-robots") { Description = "Do not obey robots.txt: only for sites you own." };

    public Option<bool> IgnoreNoFollow { get; } = new("--ignore-nofollow") { Description = "Follow rel=nofollow links and links of pages whose meta robots says nofollow." };

    public Option<bool> AllowPrivateNetworks { get; } = new("--allow-private-networks")
    {
        Description = "Let fetches reach loopback, private, link-local and cloud-metadata addresses (default: public ones, plus the kind the seeds are on; the demo allows all).",
    };

    public Option<long?> MaxUrlsPerHost { get; } = new("--max-urls-per-host")
    {
        Description = $"Spider-trap guard: take at most this many URLs of one host; the rest are recorded, not fetched (default {CrawlJobSpec.DefaultMaxUrlsPerHost:N0}).",
    };

    public Option<bool> Sitemaps { get; } = new("--sitemaps") { Description = "Also seed from each seed host's sitemaps (robots.txt Sitemap: lines, else /sitemap.xml)." };

    public Option<string?> UserAgent { get; } = new("--user-agent") { Description = $"The User-Agent header; its product token selects robots.txt groups (default '{CrawlerOptions.DefaultUserAgent}')." };

    public Option<string?> Warc { get; } = new("--warc")
    {
        Description = "Archive every page fetched as WARC/1.1 into FILE.warc.gz (written as FILE-00000.warc.gz, ...; with submit, a path on the silos).",
    };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write results as JSON Lines to this file." };

    public Option<string?> Format { get; } = new("--format") { Description = "Results as jsonl (default) or csv; a .csv output file means csv." };

    public Option<string?> Summary { get; } = new("--summary") { Description = "At the end, write the job's statistics as JSON to this file." };

    public Option<bool> KeepQueryOrder { get; } = new("--keep-query-order") { Description = "Do not sort query parameters when normalizing URLs." };

    public Option<string?> JobId { get; } = new("--job-id") { Description = "Id for the job (default: generated)." };

    public Option<string?> LogFile { get; } = new("--log-file") { Description = "Write the silo's log to this file." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress display." };

    /// <summary>Where the embedded silo serves its dashboard; only <c>crawl</c> and <c>demo</c> have it (see <see cref="AddDashboardTo"/>).</summary>
    public Option<string?> Dashboard { get; } = new("--dashboard") { Description = $"Serve the dashboard at this loopback URL (default {DefaultDashboardUrl}: a free port)." };

    public Option<bool> NoDashboard { get; } = new("--no-dashboard") { Description = "Serve no dashboard." };

    /// <summary>The embedded silo's dashboard: loopback, on any free port; the URL is printed.</summary>
    public const string DefaultDashboardUrl = "http://127.0.0.1:0";

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
        {
            MaxPages, MaxDepth, Scope, Include, Exclude, Concurrency, PerHost, Delay, NoAdaptive, IgnoreRobots, IgnoreNoFollow, AllowPrivateNetworks,
            MaxUrlsPerHost, Sitemaps, UserAgent, Warc, Output, Format, Summary, KeepQueryOrder, JobId, LogFile, Quiet,
        })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The embedded silo's dashboard options, for the commands that run one (crawl, demo).</summary>
    public void AddDashboardTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Dashboard);
        command.Options.Add(NoDashboard);
    }

    /// <summary>
    /// Settings to continue a job from its database: the job keeps the spec it was started with, so no seeds are
    /// taken, and the output and summary options still apply.
    /// </summary>
    public CrawlSettings ToResumeSettings(ParseResult parse, string jobId, IReadOnlyList<string> seeds, string? postgres, CrawlDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(parse);
        Require(string.IsNullOrWhiteSpace(postgres) is false, "--resume needs --postgres: an in-memory crawl cannot be continued");
        Require(seeds.Count == 0, "--resume takes no seed URLs: the job keeps the ones it was started with");
        Require(Grains.Interfaces.JobId.IsValid(jobId), $"--resume '{jobId}' must be 1-64 letters, digits, '.', '_' or '-'");
        var settings = ToSettings(parse, ["http://resumed.invalid/"], defaults);
        return settings with { JobId = jobId, Resume = true };
    }

    public CrawlSettings ToSettings(ParseResult parse, IReadOnlyList<string> seeds, CrawlDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(parse);
        foreach (var seed in seeds)
        {
            if (!Uri.TryCreate(seed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new CliException($"'{seed}' is not an absolute http or https URL");
            }
        }

        var maxPages = parse.GetValue(MaxPages);
        var maxDepth = parse.GetValue(MaxDepth);
        var concurrency = parse.GetValue(Concurrency);
        var perHost = parse.GetValue(PerHost) ?? defaults.PerHostConcurrency;
        var delay = parse.GetValue(Delay) ?? (int)defaults.MinDelay.TotalMilliseconds;
        Require(maxPages is null or >= 0, "--max-pages must not be negative");
        Require(maxDepth is null or >= 0, "--max-depth must not be negative");
        Require(concurrency >= 1, "--concurrency must be at least 1");
        Require(perHost >= 1, "--per-host must be at least 1");
        Require(delay >= 0, "--delay must not be negative");
        var maxUrlsPerHost = parse.GetValue(MaxUrlsPerHost) ?? CrawlJobSpec.DefaultMaxUrlsPerHost;
        Require(maxUrlsPerHost >= 1, "--max-urls-per-host must be at least 1");
        var userAgent = parse.GetValue(UserAgent) ?? CrawlerOptions.DefaultUserAgent;
        try
        {
            new CrawlerOptions { UserAgent = userAgent }.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--user-agent: {ex.Message}", ex);
        }

        var warc = parse.GetValue(Warc);
        Require(warc is null || warc.EndsWith(".warc.gz", StringComparison.OrdinalIgnoreCase), "--warc must name a .warc.gz file");
        var jobId = parse.GetValue(JobId) ?? Grains.Interfaces.JobId.New();
        Require(Grains.Interfaces.JobId.IsValid(jobId), $"--job-id '{jobId}' must be 1-64 letters, digits, '.', '_' or '-'");

        var spec = new CrawlJobSpec
        {
            Seeds = seeds,
            Scope = ParseScope(parse.GetValue(Scope)) ?? defaults.Scope,
            Include = parse.GetValue(Include) ?? [],
            Exclude = parse.GetValue(Exclude) ?? [],
            MaxPages = maxPages,
            MaxDepth = maxDepth,
            PerHostConcurrency = perHost,
            MinDelay = TimeSpan.FromMilliseconds(delay),
            Adaptive = !parse.GetValue(NoAdaptive),
            RespectRobots = !parse.GetValue(IgnoreRobots),
            SortQueryParameters = !parse.GetValue(KeepQueryOrder),
            RespectNoFollow = !parse.GetValue(IgnoreNoFollow),
            AllowPrivateNetworks = parse.GetValue(AllowPrivateNetworks) || defaults.AllowPrivateNetworks,
            MaxUrlsPerHost = maxUrlsPerHost,
            UseSitemaps = parse.GetValue(Sitemaps),
            Warc = warc is null ? null : Path.GetFullPath(warc),
        };
        try
        {
            // Compiling the spec here checks the patterns before any silo starts.
            _ = new CompiledJob(spec);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message, ex);
        }

        return new CrawlSettings
        {
            Spec = spec,
            JobId = jobId,
            OutputPath = parse.GetValue(Output) ?? defaults.OutputPath,
            OutputFormat = ResultFormats.Choose(parse.GetValue(Format), parse.GetValue(Output) ?? defaults.OutputPath),
            SummaryPath = parse.GetValue(Summary),
            Concurrency = concurrency,
            UserAgent = userAgent,
            LogFile = parse.GetValue(LogFile),
            Quiet = parse.GetValue(Quiet),
            Dashboard = DashboardUrl(parse),
        };
    }

    /// <summary>The dashboard's URL: null for a command without the option, or with --no-dashboard.</summary>
    private string? DashboardUrl(ParseResult parse)
    {
        if (!parse.CommandResult.Command.Options.Contains(Dashboard) || parse.GetValue(NoDashboard))
        {
            return null;
        }

        return parse.GetValue(Dashboard) ?? DefaultDashboardUrl;
    }

    private static CrawlScope? ParseScope(string? value) => value?.ToLowerInvariant() switch
    {
        null => null,
        "host" => CrawlScope.Host,
        "domain" => CrawlScope.Domain,
        "any" => CrawlScope.Any,
        _ => throw new CliException($"--scope must be host, domain or any, not '{value}'"),
    };

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CliException(message);
        }
    }
}

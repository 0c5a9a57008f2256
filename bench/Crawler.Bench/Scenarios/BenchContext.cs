namespace Crawler.Bench.Scenarios;

/// <summary>What every scenario is given: where the built programs are, a scratch folder, how many runs to take.</summary>
public sealed record BenchContext(string CrawlerDll, string WorkDirectory, int RunCount, int Pages, TextWriter Log)
{
    public const int DefaultClusterPages = 5_000;
    public const int DefaultSiloPoolSize = 16;
    public const int DefaultScaleOutPages = 5_000;
    public const int DefaultScaleOutConcurrency = 32;
    public const int DefaultFrontierUrls = 1_000_000;
    public const int DefaultDashboardPages = 100_000;
    public const int DefaultPollCostPages = 30_000;

    /// <summary>The scenarios asked for (embedded, dashboard, pollcost, cluster, scaleout, frontier, micro).</summary>
    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The published micro-benchmarks, or null to skip them.</summary>
    public string? MicroDll { get; init; }

    /// <summary>The published silo (Crawler.Silo.dll), for the cluster scenarios.</summary>
    public string? SiloDll { get; init; }

    /// <summary>The published synthetic site (Crawler.SyntheticSite.dll), for the scale-out scenario.</summary>
    public string? SiteDll { get; init; }

    /// <summary>The PostgreSQL server the cluster scenarios use; each cluster gets a schema of its own there, dropped after.</summary>
    public string PostgresConnectionString { get; init; } = DefaultPostgres;

    /// <summary>Pages of the static site the cluster scenario crawls.</summary>
    public int ClusterPages { get; init; } = DefaultClusterPages;

    /// <summary>PostgreSQL connections each silo may hold (its connection string's Maximum Pool Size).</summary>
    public int SiloPoolSize { get; init; } = DefaultSiloPoolSize;

    /// <summary>Pages of the synthetic site the scale-out scenario crawls.</summary>
    public int ScaleOutPages { get; init; } = DefaultScaleOutPages;

    /// <summary>Fetches at once per silo in the scale-out scenario (Crawler:MaxConcurrentFetches).</summary>
    public int ScaleOutConcurrency { get; init; } = DefaultScaleOutConcurrency;

    /// <summary>URLs the frontier scenario puts in the queue.</summary>
    public int FrontierUrls { get; init; } = DefaultFrontierUrls;

    /// <summary>Pages of the static site the dashboard scenario crawls in each run.</summary>
    public int DashboardPages { get; init; } = DefaultDashboardPages;

    /// <summary>Pages of the static site the pollcost scenario's silo crawls before its dashboard is polled.</summary>
    public int PollCostPages { get; init; } = DefaultPollCostPages;

    /// <summary>How often the dashboard scenario polls the dashboard (the page's own pace unless told otherwise).</summary>
    public TimeSpan DashboardPoll { get; init; } = Dashboard.DashboardPoller.PageInterval;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The local server scripts/postgres.sh sets up (role and database `crawler`).</summary>
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=crawler;Password=crawler;Database=crawler";

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    /// <exception cref="InvalidOperationException">The program was not given.</exception>
    public string RequireSilo() => SiloDll ?? throw new InvalidOperationException("the pollcost and cluster scenarios need the published silo (--silo Crawler.Silo.dll)");

    /// <exception cref="InvalidOperationException">The program was not given.</exception>
    public string RequireSite() => SiteDll ?? throw new InvalidOperationException("the scale-out scenario needs the published synthetic site (--site Crawler.SyntheticSite.dll)");
}

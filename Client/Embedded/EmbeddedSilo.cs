using Crawler.Client.Cli;
using Crawler.Grains.Crawl;
using Crawler.Grains.Fetching;
using Crawler.Grains.Hosting;
using Crawler.Grains.Jobs;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Substrate.InMemory;
using Crawler.Runtime.Substrate.Postgres;
using Crawler.Silo.Dashboard;
using Crawler.Silo.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Serilog;
using SiloHost = Crawler.Runtime.Hosting.Silo;

namespace Crawler.Client.Embedded;

/// <summary>
/// One silo inside the CLI process: in memory by default (a crawl with nothing to install), or on PostgreSQL, so a
/// long crawl survives a restart of the process (run it again with the same job id). It serves the dashboard on a
/// loopback port when asked, as a cluster's silos do.
/// </summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ISubstrate _substrate;
    private EmbeddedDashboard? _dashboard;

    private EmbeddedSilo(ServiceProvider services, SiloHost silo, ISubstrate substrate, string? substrateDescription)
    {
        _services = services;
        _substrate = substrate;
        Silo = silo;
        SubstrateDescription = substrateDescription;
        Jobs = new CrawlJobClient(silo.GrainFactory, substrate);
    }

    /// <summary>The dashboard's page when one is served; null otherwise.</summary>
    public Uri? DashboardUrl => _dashboard?.Url;

    public SiloHost Silo { get; }

    public CrawlJobClient Jobs { get; }

    /// <summary>Where a PostgreSQL substrate connects (never the password); null in memory.</summary>
    public string? SubstrateDescription { get; }

    /// <param name="configureCrawler">Fetcher settings.</param>
    /// <param name="logFile">Where the silo logs (Serilog); null for no log.</param>
    /// <param name="postgres">An Npgsql connection string; its <c>Search Path</c> names the schema. Null: in memory.</param>
    /// <param name="configureSilo">Silo settings beyond the defaults (tests shorten leases).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="dashboardUrl">Where to serve the dashboard (a loopback URL, port 0 for any free one); null for none.</param>
    /// <exception cref="CliException">The dashboard URL is not a loopback http URL, or it is in use.</exception>
    public static async Task<EmbeddedSilo> StartAsync(
        Action<CrawlerOptions> configureCrawler,
        string? logFile,
        string? postgres,
        Action<SiloOptions>? configureSilo,
        CancellationToken cancellationToken,
        string? dashboardUrl = null)
    {
        // The dashboard's log tail keeps the last lines in memory; without it and a log file nothing is logged at all.
        var ring = dashboardUrl is null ? null : new LogRing();
        var logger = new LoggerConfiguration().MinimumLevel.Information();
        if (logFile is not null)
        {
            logger = logger.WriteTo.File(logFile);
        }

        if (ring is not null)
        {
            logger = logger.WriteTo.Sink(ring);
        }

        if (logFile is null && ring is null)
        {
            logger = logger.MinimumLevel.Fatal();
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().AddSerilog(logger.CreateLogger(), dispose: true));
        services.AddCrawlerGrains(configureCrawler);
        var provider = services.BuildServiceProvider();
        var registry = new GrainTypeRegistry().AddAssembly(typeof(UrlGrain).Assembly);
        ISubstrate substrate = new InMemorySubstrate();
        string? description = null;
        SiloHost? silo = null;
        try
        {
            if (postgres is not null)
            {
                var options = PostgresOptions(postgres);
                description = options.DescribeConnection();
                var postgresSubstrate = new PostgresSubstrate(options, registry, provider.GetRequiredService<ILoggerFactory>().CreateLogger<PostgresSubstrate>());
                substrate = postgresSubstrate;
                await StartPostgresAsync(postgresSubstrate, description, cancellationToken);
            }

            // A fresh id per process: a restarted process must not pass for the one that died, whose leases (and
            // the messages it was handed under them) have to expire and go round again.
            var siloOptions = new SiloOptions { SiloId = $"embedded-{Guid.NewGuid():N}"[..17] };
            configureSilo?.Invoke(siloOptions);
            silo = new SiloHost(siloOptions, substrate, registry, provider, provider.GetRequiredService<ILoggerFactory>());
            await silo.StartAsync(cancellationToken);
            var embedded = new EmbeddedSilo(provider, silo, substrate, description);
            if (dashboardUrl is not null)
            {
                embedded._dashboard = await StartDashboardAsync(silo, substrate, siloOptions, dashboardUrl, ring, cancellationToken);
            }

            return embedded;
        }
        catch
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }

            await DisposeSubstrateAsync(substrate);
            await provider.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        await Silo.DisposeAsync();
        await DisposeSubstrateAsync(_substrate);
        await _services.DisposeAsync();
    }

    private static async Task<EmbeddedDashboard> StartDashboardAsync(SiloHost silo, ISubstrate substrate, SiloOptions options, string url, LogRing? ring, CancellationToken cancellationToken)
    {
        try
        {
            return await EmbeddedDashboard.StartAsync(silo, substrate, options, url, ring, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--dashboard: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new CliException($"--dashboard: cannot listen on {url}: {ex.Message}", ex);
        }
    }

    private static PostgresSubstrateOptions PostgresOptions(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var options = new PostgresSubstrateOptions
            {
                ConnectionString = connectionString,
                Schema = builder.SearchPath is { Length: > 0 } schema ? schema : PostgresSubstrateOptions.DefaultSchema,
            };
            options.Validate();
            return options;
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"--postgres: {ex.Message}", ex);
        }
    }

    private static async Task StartPostgresAsync(PostgresSubstrate substrate, string description, CancellationToken cancellationToken)
    {
        try
        {
            await substrate.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException($"cannot use PostgreSQL at {description}: {ex.Message}", ex);
        }
    }

    private static async ValueTask DisposeSubstrateAsync(ISubstrate substrate)
    {
        if (substrate is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}

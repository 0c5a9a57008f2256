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
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Serilog;

namespace Crawler.Client.Embedded;

/// <summary>
/// One silo inside the CLI process: in memory by default (a crawl with nothing to install), or on PostgreSQL, so a
/// long crawl survives a restart of the process (run it again with the same job id).
/// </summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ISubstrate _substrate;

    private EmbeddedSilo(ServiceProvider services, Silo silo, ISubstrate substrate, string? substrateDescription)
    {
        _services = services;
        _substrate = substrate;
        Silo = silo;
        SubstrateDescription = substrateDescription;
        Jobs = new CrawlJobClient(silo.GrainFactory, substrate);
    }

    public Silo Silo { get; }

    public CrawlJobClient Jobs { get; }

    /// <summary>Where a PostgreSQL substrate connects (never the password); null in memory.</summary>
    public string? SubstrateDescription { get; }

    /// <param name="configureCrawler">Fetcher settings.</param>
    /// <param name="logFile">Where the silo logs (Serilog); null for no log.</param>
    /// <param name="postgres">An Npgsql connection string; its <c>Search Path</c> names the schema. Null: in memory.</param>
    /// <param name="configureSilo">Silo settings beyond the defaults (tests shorten leases).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<EmbeddedSilo> StartAsync(
        Action<CrawlerOptions> configureCrawler,
        string? logFile,
        string? postgres,
        Action<SiloOptions>? configureSilo,
        CancellationToken cancellationToken)
    {
        var logger = new LoggerConfiguration().MinimumLevel.Information();
        logger = logFile is null
            ? logger.MinimumLevel.Fatal()
            : logger.WriteTo.File(logFile);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().AddSerilog(logger.CreateLogger(), dispose: true));
        services.AddCrawlerGrains(configureCrawler);
        var provider = services.BuildServiceProvider();
        var registry = new GrainTypeRegistry().AddAssembly(typeof(UrlGrain).Assembly);
        ISubstrate substrate = new InMemorySubstrate();
        string? description = null;
        Silo? silo = null;
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
            silo = new Silo(siloOptions, substrate, registry, provider, provider.GetRequiredService<ILoggerFactory>());
            await silo.StartAsync(cancellationToken);
            return new EmbeddedSilo(provider, silo, substrate, description);
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
        await Silo.DisposeAsync();
        await DisposeSubstrateAsync(_substrate);
        await _services.DisposeAsync();
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

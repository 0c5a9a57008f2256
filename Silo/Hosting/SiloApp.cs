using Crawler.Grains.Archiving;
using Crawler.Grains.Crawl;
using Crawler.Grains.Hosting;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Substrate.Postgres;
using Crawler.Runtime.Transport;
using Crawler.Silo.Dashboard;
using Crawler.Silo.Gateway;
using Crawler.Silo.Logging;
using Crawler.Silo.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using Serilog;
using SiloHost = Crawler.Runtime.Hosting.Silo;

namespace Crawler.Silo.Hosting;

/// <summary>
/// Builds the silo process from its arguments: configuration, logging, the silo on its substrate, the HTTP
/// gateway and /health, all on one port. Program.cs runs what this builds; tests start it in-process.
/// </summary>
public static partial class SiloApp
{
    /// <summary>Where the silo listens when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c>, ports nor Kestrel endpoints say.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <exception cref="OptionsValidationException">A setting cannot work, e.g. a public binding without an API key.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        UseDefaultUrl(builder.Configuration);
        var logRing = new LogRing();
        var serilog = SiloLogging.Create(builder.Configuration, logRing);
        builder.Services.AddSingleton(logRing);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(serilog, dispose: true);

        // Services: the grains' dependencies, the silo on its substrate, the gateway.
        var configuration = builder.Configuration;
        var partitions = configuration.GetValue("Silo:PartitionCount", 64);
        var postgres = configuration["postgres"] ?? configuration.GetConnectionString("Postgres");
        // WARC files carry the silo's id, so silos archiving into one shared folder never write one file.
        builder.Services.AddSingleton(sp => new WarcArchives(sp.GetRequiredService<SiloHost>().SiloId, sp.GetService<TimeProvider>()));
        builder.Services.AddCrawlerGrains(options => configuration.GetSection("Crawler").Bind(options));
        builder.Services.AddSingleton<MetricsCollector>();
        builder.Services.AddSilo(silo =>
        {
            silo.AddGrains(typeof(UrlGrain).Assembly)
                .Configure(options => configuration.GetSection("Silo").Bind(options));
            if (string.IsNullOrWhiteSpace(postgres))
            {
                // No database: a single silo in memory, for trying things out.
                silo.UseInMemorySubstrate(partitions);
            }
            else
            {
                silo.UsePostgresSubstrate(options =>
                {
                    options.ConnectionString = postgres;
                    options.PartitionCount = partitions;
                    options.Schema = SchemaOf(postgres);
                });
            }
        });
        builder.Services.AddGateway(configuration);
        builder.Services.AddSiloHttpTransport(options => configuration.GetSection("Silo").Bind(options));
        builder.Services.AddDashboard(configuration);

        var app = builder.Build();
        RefuseUnsafeGateway(app);

        // The collector listens from now on: a measurement made before it exists is not seen.
        _ = app.Services.GetRequiredService<MetricsCollector>();
        _ = app.Services.GetRequiredService<PageCounter>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiloApp).FullName!);
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            var where = new PostgresSubstrateOptions { ConnectionString = postgres, Schema = SchemaOf(postgres) }.DescribeConnection();
            Log.PostgresSubstrate(log, where);
        }

        app.UseDashboardPathBase();

        // Endpoints: /health and /metrics (Prometheus text; always open) and the gateway's /api (API key when configured).
        app.MapGet("/health", (SiloHost silo) => Results.Ok(new { silo = silo.SiloId, status = silo.Status.ToString(), partitions = silo.OwnedPartitions.Count }));
        app.MapGateway();
        app.MapGet("/metrics", (MetricsCollector metrics) => Results.Text(PrometheusTextWriter.Write(metrics.Collect()), PrometheusTextWriter.ContentType));
        app.MapSiloTransport();
        app.MapDashboard();
        return app;
    }

    /// <summary>
    /// Validates the gateway's options now rather than when the host starts, so a silo that must not start (bound
    /// beyond loopback without an API key) fails with the validation message alone, before anything is logged or bound.
    /// </summary>
    /// <exception cref="OptionsValidationException">The gateway's settings cannot work.</exception>
    private static void RefuseUnsafeGateway(WebApplication app)
    {
        try
        {
            _ = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
            _ = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            ((IDisposable)app).Dispose();
            throw;
        }
    }

    /// <summary>
    /// Binds <see cref="DefaultUrl"/> when nothing else is configured. It goes in as the first (weakest) source, so
    /// <c>--urls</c>, <c>ASPNETCORE_URLS</c> and appsettings still win; with ports or Kestrel endpoints configured it
    /// is not added at all, since a <c>urls</c> setting would override those.
    /// </summary>
    private static void UseDefaultUrl(ConfigurationManager configuration)
    {
        if (GatewayBinding.HasConfiguredBinding(configuration))
        {
            return;
        }

        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [new(WebHostDefaults.ServerUrlsKey, DefaultUrl)],
        });
    }

    /// <summary>The connection string's <c>Search Path</c> names the schema the cluster lives in; default <c>public</c>.</summary>
    private static string SchemaOf(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).SearchPath is { Length: > 0 } schema ? schema : PostgresSubstrateOptions.DefaultSchema;
}

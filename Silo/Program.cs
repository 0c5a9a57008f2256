using Crawler.Grains.Crawl;
using Crawler.Grains.Hosting;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Substrate.Postgres;
using Serilog;

// Settings come from appsettings.json beside the executable, then the environment (Silo__LeaseDuration=...)
// and the command line (--Silo:SiloId=a, --postgres "Host=..."), the usual ASP.NET Core order.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var logger = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).CreateLogger();
builder.Logging.ClearProviders();
builder.Logging.AddSerilog(logger, dispose: true);

var partitions = builder.Configuration.GetValue("Silo:PartitionCount", 64);
var postgres = builder.Configuration["postgres"] ?? builder.Configuration.GetConnectionString("Postgres");
builder.Services.AddCrawlerGrains(options => builder.Configuration.GetSection("Crawler").Bind(options));
builder.Services.AddSilo(silo =>
{
    silo.AddGrains(typeof(UrlGrain).Assembly)
        .Configure(options => builder.Configuration.GetSection("Silo").Bind(options));
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
        });
        logger.Information("Cluster substrate: PostgreSQL at {Connection}", new PostgresSubstrateOptions { ConnectionString = postgres }.DescribeConnection());
    }
});

var app = builder.Build();
app.MapGet("/health", (Silo silo) => Results.Ok(new { silo = silo.SiloId, status = silo.Status.ToString(), partitions = silo.OwnedPartitions.Count }));
await app.RunAsync();

using Crawler.Grains.Crawl;
using Crawler.Grains.Hosting;
using Crawler.Runtime.Hosting;
using Serilog;

// Settings come from appsettings.json beside the executable, then the environment (Silo__LeaseDuration=...)
// and the command line (--Silo:SiloId=a), the usual ASP.NET Core order.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var logger = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).CreateLogger();
builder.Logging.ClearProviders();
builder.Logging.AddSerilog(logger, dispose: true);

builder.Services.AddCrawlerGrains(options => builder.Configuration.GetSection("Crawler").Bind(options));
builder.Services.AddSilo(silo => silo
    .UseInMemorySubstrate(builder.Configuration.GetValue("Silo:PartitionCount", 64))
    .AddGrains(typeof(UrlGrain).Assembly)
    .Configure(options => builder.Configuration.GetSection("Silo").Bind(options)));

var app = builder.Build();
app.MapGet("/health", (Silo silo) => Results.Ok(new { silo = silo.SiloId, status = silo.Status.ToString(), partitions = silo.OwnedPartitions.Count }));
await app.RunAsync();

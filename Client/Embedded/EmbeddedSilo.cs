using Crawler.Grains.Crawl;
using Crawler.Grains.Fetching;
using Crawler.Grains.Hosting;
using Crawler.Grains.Jobs;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;

namespace Crawler.Client.Embedded;

/// <summary>One silo inside the CLI process, on the in-memory substrate: a crawl with nothing to install.</summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EmbeddedSilo(ServiceProvider services, Silo silo, InMemorySubstrate substrate)
    {
        _services = services;
        Silo = silo;
        Jobs = new CrawlJobClient(silo.GrainFactory, substrate);
    }

    public Silo Silo { get; }

    public CrawlJobClient Jobs { get; }

    public static async Task<EmbeddedSilo> StartAsync(Action<CrawlerOptions> configureCrawler, string? logFile, CancellationToken cancellationToken)
    {
        var logger = new LoggerConfiguration().MinimumLevel.Information();
        logger = logFile is null
            ? logger.MinimumLevel.Fatal()
            : logger.WriteTo.File(logFile);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().AddSerilog(logger.CreateLogger(), dispose: true));
        services.AddCrawlerGrains(configureCrawler);
        var provider = services.BuildServiceProvider();
        var substrate = new InMemorySubstrate();
        var registry = new GrainTypeRegistry().AddAssembly(typeof(UrlGrain).Assembly);
        var silo = new Silo(new SiloOptions { SiloId = "embedded" }, substrate, registry, provider, provider.GetRequiredService<ILoggerFactory>());
        await silo.StartAsync(cancellationToken);
        return new EmbeddedSilo(provider, silo, substrate);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _services.DisposeAsync();
    }
}

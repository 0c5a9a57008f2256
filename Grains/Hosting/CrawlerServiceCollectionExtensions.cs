using Crawler.Grains.Archiving;
using Crawler.Grains.Crawl;
using Crawler.Grains.Fetching;
using Crawler.Grains.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Crawler.Grains.Hosting;

public static class CrawlerServiceCollectionExtensions
{
    /// <summary>Adds what the crawler's grains take in their constructors: the fetcher, the job cache and the WARC writers.</summary>
    public static IServiceCollection AddCrawlerGrains(this IServiceCollection services, Action<CrawlerOptions>? configure = null)
    {
        var options = new CrawlerOptions();
        configure?.Invoke(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new PageFetcher(
            sp.GetRequiredService<CrawlerOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PageFetcher>>()));
        services.AddSingleton<CompiledJobCache>();
        services.TryAddSingleton(sp => new KnownDiscoveries(sp.GetRequiredService<CrawlerOptions>().KnownUrls));
        services.TryAddSingleton(sp => new WarcArchives(timeProvider: sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}

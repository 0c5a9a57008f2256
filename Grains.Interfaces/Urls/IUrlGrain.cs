using Crawler.Runtime;

namespace Crawler.Grains.Interfaces;

/// <summary>
/// One URL of one job, keyed by <see cref="UrlKey"/>. The first discovery fetches and processes the page;
/// later ones are duplicates: the grain's identity is the deduplication.
/// </summary>
[AffinityKey(typeof(UrlAffinity))]
public interface IUrlGrain : IGrainWithStringKey
{
    [OneWay]
    Task DiscoverAsync(Discovery discovery, CancellationToken cancellationToken = default);
}

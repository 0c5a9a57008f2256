using Crawler.Runtime;

namespace Crawler.Grains.Interfaces;

/// <summary>A URL grain lives with its host's grain, so politeness and dedup for a host are local decisions.</summary>
public sealed class UrlAffinity : IAffinityKeySelector
{
    public string GetAffinityKey(string grainKey) => HostKey.Of(UrlKey.Parse(grainKey).Url);
}

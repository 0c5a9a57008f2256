namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>"host/path" → "host", as a URL grain's affinity key is its host.</summary>
public sealed class HostAffinity : IAffinityKeySelector
{
    public string GetAffinityKey(string grainKey)
    {
        ArgumentNullException.ThrowIfNull(grainKey);
        var slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? grainKey : grainKey[..slash];
    }
}

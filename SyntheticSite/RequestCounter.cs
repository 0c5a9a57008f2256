using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Crawler.SyntheticSite;

/// <summary>Thread-safe tally of requests by normalized URL.</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _byUrl = new(StringComparer.Ordinal);
    private long _total;
    private long _external;

    public long Total => Interlocked.Read(ref _total);

    public long External => Interlocked.Read(ref _external);

    public void Count(string normalizedUrl, bool external)
    {
        Interlocked.Increment(ref _total);
        if (external)
        {
            Interlocked.Increment(ref _external);
        }

        // GetOrAdd may build a spare box in a race, but every caller increments the one that was stored.
        var box = _byUrl.GetOrAdd(normalizedUrl, static _ => new StrongBox<int>());
        Interlocked.Increment(ref box.Value);
    }

    public int CountOf(string normalizedUrl) =>
        _byUrl.TryGetValue(normalizedUrl, out var box) ? Volatile.Read(ref box.Value) : 0;
}

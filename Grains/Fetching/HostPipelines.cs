using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;

namespace Crawler.Grains.Fetching;

/// <summary>
/// One pipeline per origin (<c>scheme://host:port</c>), so one dead host opens only its own circuit. A crawl of the
/// open web meets hosts without end, so the table is bounded: past <see cref="MaxHosts"/> (by default) the hosts whose circuit is
/// closed are dropped, which only forgets failures too few to have opened it.
/// </summary>
internal sealed class HostPipelines(Func<string, HostPipeline> create, int maxHosts = HostPipelines.MaxHosts)
{
    public const int MaxHosts = 10_000;

    private readonly ConcurrentDictionary<string, HostPipeline> _byOrigin = new(StringComparer.Ordinal);

    public int Count => _byOrigin.Count;

    public ResiliencePipeline<FetchAttempt> For(string origin)
    {
        if (_byOrigin.TryGetValue(origin, out var existing))
        {
            return existing.Pipeline;
        }

        if (_byOrigin.Count >= maxHosts)
        {
            foreach (var (key, entry) in _byOrigin)
            {
                if (entry.Circuit.CircuitState == CircuitState.Closed)
                {
                    _byOrigin.TryRemove(key, out _);
                }
            }
        }

        return _byOrigin.GetOrAdd(origin, create).Pipeline;
    }

    /// <summary>The circuit of an origin, or null when it has none yet.</summary>
    public CircuitState? StateOf(string origin) => _byOrigin.TryGetValue(origin, out var entry) ? entry.Circuit.CircuitState : null;
}

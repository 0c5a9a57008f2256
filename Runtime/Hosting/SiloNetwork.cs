using System.Collections.Concurrent;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// How silos in one process reach each other for request/response calls (durable messages go through the
/// substrate instead). The embedded silo and the TestCluster use it.
/// </summary>
public sealed class SiloNetwork
{
    private readonly ConcurrentDictionary<string, SiloRuntime> _silos = new(StringComparer.Ordinal);

    internal void Join(SiloRuntime silo) => _silos[silo.SiloId] = silo;

    internal void Leave(SiloRuntime silo) => _silos.TryRemove(KeyValuePair.Create(silo.SiloId, silo));

    internal bool TryGet(string siloId, out SiloRuntime silo) => _silos.TryGetValue(siloId, out silo!);
}

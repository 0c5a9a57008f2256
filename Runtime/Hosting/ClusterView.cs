using Crawler.Runtime.Substrate;

namespace Crawler.Runtime.Hosting;

/// <summary>What a caller last read of the cluster: who holds each partition, and where each silo can be reached.</summary>
internal sealed class ClusterView(IReadOnlyList<PartitionLease> leases, IReadOnlyList<SiloRecord> silos)
{
    private readonly Dictionary<string, SiloRecord> _silos = silos.ToDictionary(s => s.SiloId, StringComparer.Ordinal);

    public static ClusterView Empty { get; } = new([], []);

    public bool IsEmpty => leases.Count == 0;

    public PartitionLease? Lease(int partition) => partition < leases.Count ? leases[partition] : null;

    /// <summary>The silo's row when it is alive and has published where it can be reached.</summary>
    public SiloRecord? Reachable(string siloId) =>
        _silos.TryGetValue(siloId, out var silo) && silo.Status != SiloStatus.Dead && !string.IsNullOrEmpty(silo.Address) ? silo : null;
}

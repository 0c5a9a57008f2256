namespace Crawler.Silo.Gateway;

/// <summary>
/// <c>GET /api/cluster</c>: the silo answering, the membership table and the partition leases, read at
/// <see cref="Now"/> (the silo's clock, so a client can judge heartbeats without trusting its own).
/// </summary>
internal sealed record ClusterInfo(
    string SiloId,
    DateTimeOffset Now,
    int PartitionCount,
    int UnownedPartitions,
    IReadOnlyList<SiloInfo> Silos,
    IReadOnlyList<PartitionInfo> Partitions);

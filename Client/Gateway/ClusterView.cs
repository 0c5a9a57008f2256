namespace Crawler.Client.Gateway;

/// <summary>The gateway's <c>GET /api/cluster</c>: the silo that answered, the silos and how the partitions are held, at <see cref="Now"/> (the silo's clock).</summary>
internal sealed record ClusterView(
    string SiloId,
    DateTimeOffset Now,
    int PartitionCount,
    int UnownedPartitions,
    IReadOnlyList<SiloView> Silos);

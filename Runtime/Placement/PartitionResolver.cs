namespace Crawler.Runtime.Placement;

/// <summary>Grain id → affinity key → partition, by a stable hash, so every process agrees.</summary>
public sealed class PartitionResolver(GrainTypeRegistry registry, int partitionCount)
{
    public int PartitionCount { get; } = partitionCount;

    public int PartitionOf(GrainId grain) =>
        StableHash.ToPartition(registry.ForName(grain.Type).AffinityKeyOf(grain.Key), PartitionCount);
}

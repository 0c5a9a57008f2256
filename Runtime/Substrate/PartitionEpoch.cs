namespace Crawler.Runtime.Substrate;

/// <summary>
/// One ownership of a partition: the partition and the lease epoch it was held at. A commit is refused for the
/// ownership it was made under, not for the partition, so a late commit of an earlier ownership never takes the
/// current one's commits down with it.
/// </summary>
public readonly record struct PartitionEpoch(int Partition, long Epoch)
{
    public static PartitionEpoch Of(TurnCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return new PartitionEpoch(commit.Partition, commit.Epoch);
    }
}

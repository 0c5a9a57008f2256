namespace Crawler.Runtime.Substrate;

/// <summary>
/// Ownership of one partition. The epoch is a fencing token: it grows each time the partition changes hands,
/// and every commit carries the epoch it was made under.
/// </summary>
public sealed record PartitionLease(int Partition, string? Owner, long Epoch, DateTimeOffset ExpiresAt)
{
    public bool IsHeldBy(string siloId, DateTimeOffset now) => Owner == siloId && ExpiresAt > now;

    public bool IsFree(DateTimeOffset now) => Owner is null || ExpiresAt <= now;
}

namespace Crawler.Silo.Gateway;

/// <summary>A partition's lease: who holds it (null when free or expired), at which epoch, until when.</summary>
internal sealed record PartitionInfo(int Partition, string? Owner, long Epoch, DateTimeOffset ExpiresAt);

namespace Crawler.Runtime;

/// <summary>
/// A hash that is the same in every process and release (FNV-1a over UTF-8), unlike
/// <see cref="string.GetHashCode()"/>. Partition placement depends on it; System.IO.Hashing does not restore here.
/// </summary>
public static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Compute(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = OffsetBasis;
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            for (var i = 0; i < length; i++)
            {
                hash = unchecked((hash ^ buffer[i]) * Prime);
            }
        }

        return hash;
    }

    public static int ToPartition(string affinityKey, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        return (int)(Compute(affinityKey) % (uint)partitionCount);
    }
}

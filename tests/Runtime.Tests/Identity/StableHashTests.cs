namespace Crawler.Runtime.Tests.Identity;

public sealed class StableHashTests
{
    // FNV-1a, 32 bits, over UTF-8, worked out independently of the runtime. "", "a" and "foobar" are the
    // published FNV-1a test vectors; the others cover multi-byte UTF-8 (2 bytes, and a surrogate pair → 4 bytes).
    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 3826002220u)]
    [InlineData("foobar", 3214735720u)]
    [InlineData("https://example.com:443", 879270392u)]
    [InlineData("é", 513665217u)]
    [InlineData("\U0001F600", 866293256u)]
    [InlineData("UrlGrain/job-1", 4227429827u)]
    public void Compute_KnownInput_MatchesFnv1aOverUtf8(string value, uint expected)
    {
        Assert.Equal(expected, StableHash.Compute(value));
    }

    [Theory]
    [InlineData("", 16, 5)]
    [InlineData("a", 16, 12)]
    [InlineData("a", 64, 44)]
    [InlineData("foobar", 64, 40)]
    [InlineData("https://example.com:443", 64, 56)]
    public void ToPartition_KnownInput_IsHashModuloCount(string key, int partitions, int expected)
    {
        Assert.Equal(expected, StableHash.ToPartition(key, partitions));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(64)]
    public void ToPartition_ManyKeys_StaysInRangeAndUsesEveryPartition(int partitions)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < 2000; i++)
        {
            var partition = StableHash.ToPartition($"https://host-{i}.example:443", partitions);
            Assert.InRange(partition, 0, partitions - 1);
            seen.Add(partition);
        }

        Assert.Equal(partitions, seen.Count);
    }

    [Fact]
    public void ToPartition_NoPartitions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StableHash.ToPartition("a", 0));
    }

    [Fact]
    public void Compute_LoneSurrogate_HashesAsReplacementCharacter()
    {
        // An unpaired surrogate is not valid UTF-16; it hashes as U+FFFD, exactly as UTF-8 encoding replaces it.
        Assert.Equal(StableHash.Compute("\uFFFD"), StableHash.Compute("\uD800"));
    }
}

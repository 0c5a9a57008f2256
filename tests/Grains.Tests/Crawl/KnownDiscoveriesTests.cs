using Crawler.Grains.Crawl;

namespace Crawler.Grains.Tests.Crawl;

public sealed class KnownDiscoveriesTests
{
    [Fact]
    public void IsKnown_ReceivedAtADepth_KnownAtThatDepthAndDeeperButNotShallower()
    {
        var known = new KnownDiscoveries(capacity: 10);

        known.Received("job|http://127.0.0.1/a", depth: 3);

        Assert.True(known.IsKnown("job|http://127.0.0.1/a", 3));
        Assert.True(known.IsKnown("job|http://127.0.0.1/a", 7));
        Assert.False(known.IsKnown("job|http://127.0.0.1/a", 2));
        Assert.False(known.IsKnown("job|http://127.0.0.1/b", 3));
        Assert.False(known.IsKnown("other|http://127.0.0.1/a", 3));
    }

    [Fact]
    public void Received_ShallowerThenDeeper_KeepsTheLeastDepth()
    {
        var known = new KnownDiscoveries(capacity: 10);

        known.Received("k", 2);
        known.Received("k", 5);

        Assert.True(known.IsKnown("k", 2));
        Assert.False(known.IsKnown("k", 1));
    }

    [Fact]
    public void Received_PastTwoGenerations_ForgetsTheOldestAndKeepsTheRecent()
    {
        var known = new KnownDiscoveries(capacity: 2);

        foreach (var key in (string[])["a", "b", "c", "d", "e"])
        {
            known.Received(key, 0);
        }

        // Generations of two: [a b] was dropped when [c d] filled and e started a new one.
        Assert.False(known.IsKnown("a", 0));
        Assert.False(known.IsKnown("b", 0));
        Assert.True(known.IsKnown("c", 0));
        Assert.True(known.IsKnown("d", 0));
        Assert.True(known.IsKnown("e", 0));
    }

    [Fact]
    public void IsKnown_CapacityZero_NeverKnown()
    {
        var known = new KnownDiscoveries(capacity: 0);

        known.Received("k", 0);

        Assert.False(known.IsKnown("k", 5));
    }

    [Fact]
    public void Received_LongKey_IsHashedLikeAShortOne()
    {
        var known = new KnownDiscoveries(capacity: 10);
        var key = "job|http://127.0.0.1/" + new string('x', 5000);

        known.Received(key, 1);

        Assert.True(known.IsKnown(key, 1));
        Assert.False(known.IsKnown(key + "y", 1));
    }
}

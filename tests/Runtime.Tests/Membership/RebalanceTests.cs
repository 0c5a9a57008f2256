using Crawler.Runtime.Testing;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Membership;

public sealed class RebalanceTests
{
    [Fact]
    public async Task ThreeSilos_SixteenPartitions_OwnDisjointEvenShares()
    {
        await using var cluster = await TestClusters.StartAsync(new TestProbe(), silos: 3);

        await TestClusters.WaitUntilBalancedAsync(cluster);

        var owned = cluster.Silos.Select(s => s.OwnedPartitions).ToList();
        Assert.Equal(Enumerable.Range(0, 16), owned.SelectMany(p => p).Order());
        Assert.Equal([5, 5, 6], owned.Select(p => p.Count).Order());
        await AssertLeasesMatchOwnershipAsync(cluster);
    }

    [Fact]
    public async Task FourthSilo_Joining_GetsAnEvenShare()
    {
        await using var cluster = await TestClusters.StartAsync(new TestProbe(), silos: 3);
        await TestClusters.WaitUntilBalancedAsync(cluster);

        var fourth = await cluster.StartSiloAsync(CancellationToken.None);
        await TestClusters.WaitUntilBalancedAsync(cluster);

        Assert.Equal(4, fourth.OwnedPartitions.Count);
        Assert.All(cluster.Silos, s => Assert.Equal(4, s.OwnedPartitions.Count));
        Assert.Equal(Enumerable.Range(0, 16), cluster.Silos.SelectMany(s => s.OwnedPartitions).Order());
        await AssertLeasesMatchOwnershipAsync(cluster);
    }

    private static async Task AssertLeasesMatchOwnershipAsync(TestCluster cluster)
    {
        var now = DateTimeOffset.UtcNow;
        var leases = await cluster.Substrate.ListLeasesAsync(CancellationToken.None);
        foreach (var silo in cluster.Silos)
        {
            foreach (var partition in silo.OwnedPartitions)
            {
                Assert.True(leases[partition].IsHeldBy(silo.SiloId, now), $"partition {partition} is leased to {silo.SiloId}");
            }
        }
    }
}

using Crawler.Runtime.Placement;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Placement;

public sealed class PartitionResolverTests
{
    private const int Partitions = 64;

    private static readonly GrainTypeRegistry Registry = new GrainTypeRegistry()
        .Add(typeof(PageGrain))
        .Add(typeof(HostGrain))
        .Add(typeof(CounterGrain));

    [Theory]
    [InlineData("alpha.example", "/index.html")]
    [InlineData("beta.example", "/a/b/c?q=1")]
    [InlineData("gamma.example:8080", "/")]
    public void PartitionOf_PageAndHostWithEqualAffinityKey_SamePartition(string host, string path)
    {
        var resolver = new PartitionResolver(Registry, Partitions);
        var pageKey = host + path;

        var page = resolver.PartitionOf(new GrainId(nameof(PageGrain), pageKey));
        var hostPartition = resolver.PartitionOf(new GrainId(nameof(HostGrain), host));

        Assert.Equal(hostPartition, page);
        Assert.Equal(StableHash.ToPartition(host, Partitions), page);
    }

    [Fact]
    public void PartitionOf_SameKeyWithoutAffinity_IsPlacedByWholeKey()
    {
        var resolver = new PartitionResolver(Registry, Partitions);

        // The page keys of one host spread over several partitions when placed by the whole key, so equal
        // partitions above come from the selector, not from chance.
        var byWholeKey = Enumerable.Range(0, 20)
            .Select(i => resolver.PartitionOf(new GrainId(nameof(CounterGrain), $"alpha.example/page-{i}")))
            .Distinct()
            .Count();
        var byHost = Enumerable.Range(0, 20)
            .Select(i => resolver.PartitionOf(new GrainId(nameof(PageGrain), $"alpha.example/page-{i}")))
            .Distinct()
            .Count();

        Assert.True(byWholeKey > 1);
        Assert.Equal(1, byHost);
    }

    [Fact]
    public async Task Cluster_PageAndHostGrainsOfOneHost_RunOnOneSilo()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 3);
        await TestClusters.WaitUntilBalancedAsync(cluster);

        for (var i = 0; i < 8; i++)
        {
            var host = $"host-{i}.example";
            var hostSilo = await cluster.GrainFactory.GetGrain<IHostGrain>(host).Where();
            var pageSilo = await cluster.GrainFactory.GetGrain<IPageGrain>($"{host}/some/page").Where();
            var partition = StableHash.ToPartition(host, cluster.Substrate.PartitionCount);

            Assert.Equal(hostSilo, pageSilo);
            Assert.Equal(TestClusters.OwnerOf(cluster, partition)?.SiloId, hostSilo);
        }
    }
}

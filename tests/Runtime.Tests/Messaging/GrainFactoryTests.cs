using Crawler.Runtime.Messaging;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Messaging;

public sealed class GrainFactoryTests
{
    [Fact]
    public async Task GetGrain_ManyKeysOfOneInterface_EachProxyCallsItsOwnGrain()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var first = cluster.GrainFactory.GetGrain<ICounterGrain>("first");
        var second = cluster.GrainFactory.GetGrain<ICounterGrain>("second");
        var firstAgain = cluster.GrainFactory.GetGrain<ICounterGrain>("first");

        var calls = new[] { await first.Ping(), await first.Ping(), await second.Ping(), await firstAgain.Ping() };

        // Proxies after the first of an interface are copies of it: each must still be aimed at its own key.
        Assert.Equal([1, 2, 1, 3], calls);
        Assert.Equal("first", ((GrainProxy)(object)first).GrainId.Key);
        Assert.Equal("second", ((GrainProxy)(object)second).GrainId.Key);
        Assert.NotSame(first, firstAgain);
    }
}

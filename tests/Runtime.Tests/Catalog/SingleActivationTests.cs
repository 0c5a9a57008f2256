using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Catalog;

public sealed class SingleActivationTests
{
    [Fact]
    public async Task ConcurrentCalls_FromManyTasks_MakeExactlyOneActivation()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 2);
        await TestClusters.WaitUntilBalancedAsync(cluster);
        using var start = new ManualResetEventSlim();

        var calls = Enumerable.Range(0, 200)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await cluster.GrainFactory.GetGrain<ICounterGrain>("one").Ping();
            }))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(calls).WaitAsync(TestClusters.Timeout);

        Assert.Equal(1, probe.Count("CounterGrain.constructed"));
        Assert.Equal(1, probe.Count("activated:one"));
        Assert.Equal(Enumerable.Range(1, 200), results.Order());
        Assert.Equal(1, cluster.Silos.Sum(s => s.ActivationCount));
    }

    [Fact]
    public async Task ConcurrentCalls_NonReentrantGrain_TurnsNeverOverlap()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("exclusive");

        var calls = Enumerable.Range(0, 200).Select(_ => Task.Run(() => grain.ExclusiveTurn())).ToList();
        await Task.WhenAll(calls).WaitAsync(TestClusters.Timeout);

        Assert.Empty(probe.Violations);
        Assert.Equal(1, probe.Count("activated:exclusive"));
    }
}

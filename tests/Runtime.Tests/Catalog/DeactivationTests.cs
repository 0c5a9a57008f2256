using Crawler.Runtime.Hosting;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Testing;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Catalog;

public sealed class DeactivationTests
{
    private static readonly TimeSpan CollectionAge = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CollectionPeriod = TimeSpan.FromSeconds(2);

    /// <summary>Short collection; a lease so long that advancing the fake clock never expires it.</summary>
    private static void FastCollection(SiloOptions options)
    {
        options.CollectionAge = CollectionAge;
        options.CollectionPeriod = CollectionPeriod;
        options.LeaseDuration = TimeSpan.FromHours(3);
        options.MembershipPeriod = TimeSpan.FromHours(1);
        options.ResponseTimeout = TimeSpan.FromHours(1);
    }

    [Fact]
    public async Task IdleGrain_ClockPassesCollectionAge_IsDeactivatedAsIdleAndNextCallReactivates()
    {
        var probe = new TestProbe();
        var time = new FakeTimeProvider();
        await using var cluster = await TestClusters.StartAsync(probe, configureSilo: FastCollection, timeProvider: time);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("idle");
        Assert.Equal(1, await grain.Ping());
        Assert.Equal(2, await grain.Ping());
        var deactivated = probe.Signal("deactivated:idle:1").Task;

        // Younger than the collection age: collection passes run, the grain stays.
        time.Advance(CollectionAge - TimeSpan.FromSeconds(1));
        Assert.False(deactivated.IsCompleted);

        await Polling.WaitUntilAsync(
            () =>
            {
                time.Advance(CollectionPeriod);
                return deactivated.IsCompleted;
            },
            TestClusters.Timeout,
            "the idle grain is collected");

        Assert.Equal([DeactivationReason.Idle], probe.Records<DeactivationReason>("deactivated:idle"));
        Assert.Equal(1, await grain.Ping());
        Assert.Equal(2, probe.Count("activated:idle"));
    }

    [Fact]
    public async Task BusyGrain_CalledWithinCollectionAge_IsNotDeactivated()
    {
        var probe = new TestProbe();
        var time = new FakeTimeProvider();
        await using var cluster = await TestClusters.StartAsync(probe, configureSilo: FastCollection, timeProvider: time);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("busy");
        var idle = cluster.GrainFactory.GetGrain<ICounterGrain>("idle-neighbour");
        await grain.Ping();
        await idle.Ping();
        var neighbourGone = probe.Signal("deactivated:idle-neighbour:1").Task;

        // Keep "busy" in use every half collection age while the clock runs well past it.
        var calls = 1;
        await Polling.WaitUntilAsync(
            async () =>
            {
                time.Advance(CollectionAge / 2);
                calls = await grain.Ping();
                return neighbourGone.IsCompleted;
            },
            TestClusters.Timeout,
            "the idle neighbour is collected");
        time.Advance(CollectionAge / 2);
        calls = await grain.Ping();

        Assert.Empty(probe.Records<DeactivationReason>("deactivated:busy"));
        Assert.Equal(1, probe.Count("activated:busy"));
        Assert.True(calls > 2);
    }

    [Fact]
    public async Task DeactivateOnIdle_AfterTurn_DeactivatesAsRequestedAndNextCallReactivates()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("asked");
        Assert.Equal(1, await grain.Ping());

        await grain.Deactivate();
        await probe.Signal("deactivated:asked:1").Task.WaitAsync(TestClusters.Timeout);

        Assert.Equal([DeactivationReason.Requested], probe.Records<DeactivationReason>("deactivated:asked"));
        Assert.Equal(1, await grain.Ping());
        Assert.Equal(2, probe.Count("activated:asked"));
    }
}

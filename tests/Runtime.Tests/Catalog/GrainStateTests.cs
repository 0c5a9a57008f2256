using System.Text.Json;
using Crawler.Runtime.Testing;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Catalog;

public sealed class GrainStateTests
{
    [Fact]
    public async Task WriteState_InTurn_IsCommittedAndReadBackAfterDeactivation()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IStateGrain>("s1");

        await grain.Add(5);
        await grain.Add(7);
        Assert.Equal(12, await CommittedValueAsync(cluster, "s1"));

        await grain.Deactivate();
        await probe.Signal("state-deactivated:s1:1").Task.WaitAsync(TestClusters.Timeout);

        Assert.Equal(12, await grain.GetValue());
        Assert.Equal(2, probe.Count("state-activated:s1"));
    }

    [Fact]
    public async Task WriteState_SiloHoldingGrainStopped_NewActivationOnOtherSiloReadsIt()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 2);
        await TestClusters.WaitUntilBalancedAsync(cluster);
        var grain = cluster.GrainFactory.GetGrain<IStateGrain>("moving");
        await grain.Add(41);
        await grain.Add(1);
        var before = await grain.Where();
        var holder = cluster.Silos.Single(s => s.SiloId == before);

        await cluster.StopSiloAsync(holder, CancellationToken.None);

        Assert.Equal(42, await grain.GetValue());
        Assert.NotEqual(before, await grain.Where());
        Assert.Equal(2, probe.Count("state-activated:moving"));
    }

    [Fact]
    public async Task FailingTurn_AfterWritingStateAndSending_CommitsNeither()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IStateGrain>("s2");
        await grain.Add(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.AddSendAndFail(100, "s2-inbox"));

        Assert.Equal(1, await CommittedValueAsync(cluster, "s2"));
        Assert.Equal(1, await grain.GetValue());
        Assert.Equal(0, cluster.Substrate.PendingMessages);
        Assert.Empty(probe.Records<string>("inbox:s2-inbox"));
    }

    [Fact]
    public async Task FailingTurn_WithCallQueuedBehindIt_NextTurnDoesNotSeeOrCommitTheFailedChange()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IStateGrain>("s3");
        await grain.Add(1);

        var failing = grain.AddAndFailWhenSignalled(100, "s3-gate");
        await probe.Signal("state-turn-started:s3").Task.WaitAsync(TestClusters.Timeout);
        var queued = grain.Add(10);
        probe.Signal("s3-gate").TrySetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(TestClusters.Timeout));
        await queued.WaitAsync(TestClusters.Timeout);

        Assert.Equal(11, await grain.GetValue());
        Assert.Equal(11, await CommittedValueAsync(cluster, "s3"));
    }

    private static async Task<int?> CommittedValueAsync(TestCluster cluster, string key)
    {
        var bytes = await cluster.Substrate.ReadStateAsync(new GrainId(nameof(StateGrain), key), CancellationToken.None);
        return bytes is null ? null : JsonSerializer.Deserialize<StateGrainState>(bytes, RuntimeJson.Options)!.Value;
    }
}

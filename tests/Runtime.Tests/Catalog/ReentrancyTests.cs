using Crawler.Runtime.Substrate.InMemory;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Catalog;

public sealed class ReentrancyTests
{
    [Fact]
    public async Task ReentrantGrain_CallAwaitingInsideTurn_DoesNotBlockCallThatReleasesIt()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IReentrantGrain>("r1");

        var waiting = grain.WaitForRelease();
        await probe.Signal("waiting:r1").Task.WaitAsync(TestClusters.Timeout);
        await grain.Release().WaitAsync(TestClusters.Timeout);

        Assert.Equal("released", await waiting.WaitAsync(TestClusters.Timeout));
    }

    [Fact]
    public async Task ReentrantGrain_ManyInterleavedCalls_NeverExecuteInParallel()
    {
        const int Participants = 40;
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IReentrantGrain>("r2");

        var calls = Enumerable.Range(0, Participants).Select(_ => Task.Run(() => grain.Interleave(Participants))).ToList();
        var inside = await Task.WhenAll(calls).WaitAsync(TestClusters.Timeout);

        // Every call returned only after all of them were inside the grain at once: the turns interleaved.
        Assert.All(inside, n => Assert.Equal(Participants, n));
        Assert.Empty(probe.Violations);
    }

    [Fact]
    public async Task ReentrantGrain_TurnFailsWhileAnotherAwaits_LaterCallStillReachesIt()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IReentrantGrain>("r3");
        var waiting = grain.WaitForRelease();
        await probe.Signal("waiting:r3").Task.WaitAsync(TestClusters.Timeout);

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail().WaitAsync(TestClusters.Timeout));
        await grain.Release().WaitAsync(TestClusters.Timeout);

        Assert.Equal("released", await waiting.WaitAsync(TestClusters.Timeout));
    }

    [Fact]
    public async Task ReentrantGrain_DeactivatedWhileItsCommitIsPending_NewActivationReadsTheCommittedState()
    {
        var probe = new TestProbe();
        var substrate = new GatedSubstrate(new InMemorySubstrate(4));
        await using var silo = await SingleSilo.StartAsync(substrate, probe);
        var grain = silo.GrainFactory.GetGrain<IReentrantStateGrain>("rs");
        Assert.Equal(0, await grain.GetValue());

        substrate.HoldCommits();
        try
        {
            var add = grain.Add(5);
            await substrate.CommitHeld.WaitAsync(TestClusters.Timeout);
            await grain.Deactivate().WaitAsync(TestClusters.Timeout);

            // The turn that wrote 5 has not committed yet, so the activation holding it must still be the one
            // answering: a new activation would load the old committed state.
            Assert.Equal(5, await grain.GetValue().WaitAsync(TestClusters.Timeout));
            substrate.ReleaseCommits();
            await add.WaitAsync(TestClusters.Timeout);
        }
        finally
        {
            substrate.ReleaseCommits();
        }

        await probe.Signal("reentrant-state-deactivated:rs").Task.WaitAsync(TestClusters.Timeout);
        Assert.Equal(5, await grain.GetValue());
    }
}

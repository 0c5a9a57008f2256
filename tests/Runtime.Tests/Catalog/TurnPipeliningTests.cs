using Crawler.Runtime.Substrate.InMemory;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Catalog;

public sealed class TurnPipeliningTests
{
    private static readonly string GetValueMethod = $"{typeof(IStateGrain).FullName}.{nameof(IStateGrain.GetValue)}";

    [Fact]
    public async Task NonReentrantGrain_CommitHeld_NextTurnRunsButItsAnswerWaitsForTheCommit()
    {
        var probe = new TestProbe();
        var substrate = new GatedSubstrate(new InMemorySubstrate(4));
        await using var silo = await SingleSilo.StartAsync(substrate, probe);
        var grain = silo.GrainFactory.GetGrain<IStateGrain>("pipelined");
        await grain.Add(1).WaitAsync(TestClusters.Timeout);

        substrate.HoldCommits();
        Task add;
        Task<int> read;
        try
        {
            add = grain.Add(2);
            await substrate.CommitHeld.WaitAsync(TestClusters.Timeout);
            read = grain.GetValue();

            // The read ran while the write's commit was held (the turns are pipelined) ...
            await Polling.WaitUntilAsync(() => silo.Silo.Statistics.TurnsByMethod.GetValueOrDefault(GetValueMethod) == 1, TestClusters.Timeout, "the read's turn runs");

            // ... but it saw the uncommitted 3, so it may only answer once the write has committed.
            Assert.False(add.IsCompleted);
            Assert.False(read.IsCompleted);
        }
        finally
        {
            substrate.ReleaseCommits();
        }

        await add.WaitAsync(TestClusters.Timeout);
        Assert.Equal(3, await read.WaitAsync(TestClusters.Timeout));
    }

    [Fact]
    public async Task NonReentrantGrain_ManyWritesInARow_AllCommitInOrderAndAreReadBack()
    {
        var probe = new TestProbe();
        var memory = new InMemorySubstrate(4);
        await using (var silo = await SingleSilo.StartAsync(memory, probe))
        {
            var grain = silo.GrainFactory.GetGrain<IStateGrain>("many");
            await Task.WhenAll(Enumerable.Range(1, 200).Select(grain.Add)).WaitAsync(TestClusters.Timeout);
            Assert.Equal(200 * 201 / 2, await grain.GetValue().WaitAsync(TestClusters.Timeout));
        }

        // A new silo over the same substrate reads what the last commit left.
        await using var next = await SingleSilo.StartAsync(memory, probe);
        Assert.Equal(200 * 201 / 2, await next.GrainFactory.GetGrain<IStateGrain>("many").GetValue().WaitAsync(TestClusters.Timeout));
    }
}

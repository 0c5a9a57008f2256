using System.Diagnostics;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Testing;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Testing;

public sealed class TestClusterTests
{
    [Fact]
    public async Task StopSilo_LongLease_OthersOwnEverythingWithoutWaitingForExpiry()
    {
        var lease = TimeSpan.FromSeconds(30);
        await using var cluster = await TestClusters.StartAsync(new TestProbe(), silos: 3, configureSilo: o => o.LeaseDuration = lease);
        await TestClusters.WaitUntilBalancedAsync(cluster);
        var leaving = cluster.Silos[1];
        var clock = Stopwatch.StartNew();

        await cluster.StopSiloAsync(leaving, CancellationToken.None);
        await TestClusters.WaitUntilBalancedAsync(cluster, TimeSpan.FromSeconds(10));

        Assert.True(clock.Elapsed < lease / 2, $"handover took {clock.Elapsed}");
        Assert.Equal(2, cluster.Silos.Count);
        Assert.Equal(Enumerable.Range(0, 16), cluster.Silos.SelectMany(s => s.OwnedPartitions).Order());
        Assert.Empty(leaving.OwnedPartitions);
        var silos = await cluster.Substrate.ListSilosAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.Dead, silos.Single(s => s.SiloId == leaving.SiloId).Status);
    }

    [Fact]
    public async Task KillSilo_ShortLease_PartitionsMoveOnlyAfterLeaseExpires()
    {
        var lease = TimeSpan.FromSeconds(1);
        await using var cluster = await TestClusters.StartAsync(new TestProbe(), silos: 3, configureSilo: o =>
        {
            o.LeaseDuration = lease;
            o.MembershipPeriod = TimeSpan.FromMilliseconds(100);
        });
        await TestClusters.WaitUntilBalancedAsync(cluster);
        var victim = cluster.Silos[0];
        var victimPartitions = victim.OwnedPartitions;

        cluster.KillSilo(victim);

        // Nobody released anything: right after the crash the dead silo's leases are still its own.
        var leases = await cluster.Substrate.ListLeasesAsync(CancellationToken.None);
        Assert.All(victimPartitions, p => Assert.Equal(victim.SiloId, leases[p].Owner));
        Assert.All(victimPartitions, p => Assert.False(leases[p].IsFree(DateTimeOffset.UtcNow)));

        await TestClusters.WaitUntilBalancedAsync(cluster);
        var moved = await cluster.Substrate.ListLeasesAsync(CancellationToken.None);
        Assert.All(victimPartitions, p => Assert.True(moved[p].Epoch > leases[p].Epoch));
        Assert.All(victimPartitions, p => Assert.NotEqual(victim.SiloId, moved[p].Owner));
        var silos = await cluster.Substrate.ListSilosAsync(CancellationToken.None);
        Assert.Equal(SiloStatus.Dead, silos.Single(s => s.SiloId == victim.SiloId).Status);
    }

    [Fact]
    public async Task KillSilo_WithDurableMessagesInFlight_SurvivorsCommitEachExactlyOnce()
    {
        const int Messages = 400;
        const int Keys = 40;
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 3, configureSilo: o =>
        {
            o.LeaseDuration = TimeSpan.FromSeconds(1);
            o.MembershipPeriod = TimeSpan.FromMilliseconds(100);
        });
        try
        {
            await TestClusters.WaitUntilBalancedAsync(cluster);
            var factory = cluster.GrainFactory;

            // The first half runs through; the second half is taken by the grains and held inside their turns.
            for (var id = 0; id < Messages; id++)
            {
                await factory.GetGrain<IWorkGrain>($"work-{id % Keys}").Process(id, gated: id >= Messages / 2);
            }

            await Polling.WaitUntilAsync(async () => (await ReadProcessedAsync(cluster)).Count >= Messages / 2, TestClusters.Timeout, "the first half is committed");
            var victim = cluster.Silos[0];
            await Polling.WaitUntilAsync(
                () => probe.Records<WorkReport>("gated-started").Any(r => r.SiloId == victim.SiloId),
                TestClusters.Timeout,
                "the victim is inside a turn of the second half");

            cluster.KillSilo(victim);
            var inFlightOnVictim = probe.Records<WorkReport>("gated-started").Where(r => r.SiloId == victim.SiloId).Select(r => r.Id).ToList();
            probe.Signal("open").TrySetResult();

            await Polling.WaitUntilAsync(async () => (await ReadProcessedAsync(cluster)).Count >= Messages, TestClusters.Timeout, "every message is committed");
            await Polling.WaitUntilAsync(() => cluster.Substrate.PendingMessages == 0, TestClusters.Timeout, "every message is consumed");

            var processed = await ReadProcessedAsync(cluster);
            Assert.Equal(Enumerable.Range(0, Messages), processed.Select(r => r.Id).Order());
            Assert.NotEmpty(inFlightOnVictim);
            Assert.All(inFlightOnVictim, id => Assert.NotEqual(victim.SiloId, processed.Single(r => r.Id == id).SiloId));
            Assert.DoesNotContain(processed.Where(r => r.Id >= Messages / 2), r => r.SiloId == victim.SiloId);
        }
        finally
        {
            probe.Signal("open").TrySetResult();
        }
    }

    [Fact]
    public async Task StopSilo_WithDurableMessagesInFlight_ItsStartedTurnsCommitAndTheRestMovesExactlyOnce()
    {
        const int Messages = 400;
        const int Keys = 40;
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 3);
        try
        {
            await TestClusters.WaitUntilBalancedAsync(cluster);
            for (var id = 0; id < Messages; id++)
            {
                await cluster.GrainFactory.GetGrain<IWorkGrain>($"work-{id % Keys}").Process(id, gated: true);
            }

            var leaving = cluster.Silos[0];
            await Polling.WaitUntilAsync(
                () => probe.Records<WorkReport>("gated-started").Any(r => r.SiloId == leaving.SiloId),
                TestClusters.Timeout,
                "the leaving silo is inside a turn");

            var stopping = cluster.StopSiloAsync(leaving, CancellationToken.None);
            Assert.False(stopping.IsCompleted);
            var startedOnLeaving = probe.Records<WorkReport>("gated-started").Where(r => r.SiloId == leaving.SiloId).Select(r => r.Id).ToList();
            probe.Signal("open").TrySetResult();
            await stopping.WaitAsync(TestClusters.Timeout);

            await Polling.WaitUntilAsync(async () => (await ReadProcessedAsync(cluster)).Count >= Messages, TestClusters.Timeout, "every message is committed");
            await Polling.WaitUntilAsync(() => cluster.Substrate.PendingMessages == 0, TestClusters.Timeout, "every message is consumed");

            var processed = await ReadProcessedAsync(cluster);
            Assert.Equal(Enumerable.Range(0, Messages), processed.Select(r => r.Id).Order());

            // A graceful handover lets turns already running commit where they run.
            Assert.All(startedOnLeaving, id => Assert.Equal(leaving.SiloId, processed.Single(r => r.Id == id).SiloId));
        }
        finally
        {
            probe.Signal("open").TrySetResult();
        }
    }

    private static async Task<List<WorkReport>> ReadProcessedAsync(TestCluster cluster)
    {
        var records = await cluster.Substrate.ReadStreamAsync(WorkGrain.Stream, 0, int.MaxValue, CancellationToken.None);
        return [.. records.Cast<WorkReport>()];
    }
}

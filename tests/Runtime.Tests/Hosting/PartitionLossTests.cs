using Crawler.Runtime.Substrate.InMemory;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Hosting;

public sealed class PartitionLossTests
{
    [Fact]
    public async Task PartitionDroppedWhileLeaseValid_DurableTurnCancelled_MessageIsRedeliveredToNextOwner()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 1, partitions: 4);
        var silo = cluster.Silos[0];
        await cluster.GrainFactory.GetGrain<IPatientGrain>("p1").Wait(1);
        await probe.Signal("patient-started:p1:1").Task.WaitAsync(TestClusters.Timeout);
        var partition = silo.Runtime.Resolver.PartitionOf(new GrainId(nameof(PatientGrain), "p1"));
        Assert.True(silo.Runtime.TryGetPartition(partition, out var agent));

        // As a failed mailbox read or a lease about to run out drops it: the lease row still holds at this epoch, so
        // an acknowledgement of the cancelled turn would commit, and no later epoch would see the message again.
        silo.Runtime.OnPartitionLost(agent);

        await probe.Signal("patient-started:p1:2").Task.WaitAsync(TestClusters.Timeout);
        probe.Signal("patient-open").TrySetResult();
        await Polling.WaitUntilAsync(() => probe.Records<int>("patient-done").Count > 0, TestClusters.Timeout, "the redelivered message is handled");
        await Polling.WaitUntilAsync(() => cluster.Substrate.PendingMessages == 0, TestClusters.Timeout, "it is consumed");
        Assert.Equal([1], probe.Records<int>("patient-done"));
    }

    [Fact]
    public async Task PartitionDropped_RequestTurnCancelled_CallerRetriesAndTheNextOwnerAnswers()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 1, partitions: 4);
        var silo = cluster.Silos[0];
        var asking = cluster.GrainFactory.GetGrain<IPatientGrain>("p2").Ask();
        await probe.Signal("patient-asked:p2:1").Task.WaitAsync(TestClusters.Timeout);
        var partition = silo.Runtime.Resolver.PartitionOf(new GrainId(nameof(PatientGrain), "p2"));
        Assert.True(silo.Runtime.TryGetPartition(partition, out var agent));

        // The turn dies of its activation's token; the caller must hear "moved" (and try again), not the cancellation.
        silo.Runtime.OnPartitionLost(agent);
        await probe.Signal("patient-asked:p2:2").Task.WaitAsync(TestClusters.Timeout);
        probe.Signal("patient-open").TrySetResult();

        Assert.Equal(2, await asking.WaitAsync(TestClusters.Timeout));
    }

    [Fact]
    public async Task MailboxReadFails_LeaseStillValid_PartitionIsTakenAgainAtNewEpochWithoutWaitingForExpiry()
    {
        var probe = new TestProbe();
        var substrate = new GatedSubstrate(new InMemorySubstrate(4));
        await using var silo = await SingleSilo.StartAsync(substrate, probe, options =>
        {
            options.LeaseDuration = TimeSpan.FromMinutes(1);
            options.MembershipPeriod = TimeSpan.FromMilliseconds(100);
            options.MailboxPollInterval = TimeSpan.FromMilliseconds(100);
        });
        var partition = silo.Silo.Runtime.Resolver.PartitionOf(new GrainId(nameof(CounterGrain), "c1"));
        var before = (await substrate.ListLeasesAsync(CancellationToken.None))[partition];

        // The failed read may have marked messages delivered at this epoch; only a new one hands them out again.
        substrate.FailNextMailboxRead(partition);
        await Polling.WaitUntilAsync(
            async () => (await substrate.ListLeasesAsync(CancellationToken.None))[partition] is { Owner: "single" } lease && lease.Epoch > before.Epoch,
            TestClusters.Timeout,
            "the partition is taken again at a new epoch, long before its one-minute lease runs out");

        await silo.GrainFactory.GetGrain<ICounterGrain>("c1").Send(1);
        await Polling.WaitUntilAsync(() => probe.Records<int>("sends:c1").Count > 0, TestClusters.Timeout, "the partition serves again");
        Assert.Equal([1], probe.Records<int>("sends:c1"));
    }
}

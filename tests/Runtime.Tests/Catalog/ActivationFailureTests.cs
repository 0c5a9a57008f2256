using Crawler.Runtime.Substrate.InMemory;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Catalog;

public sealed class ActivationFailureTests
{
    [Fact]
    public async Task ActivationFails_CallerGetsActivationErrorAndNextCallActivatesAgain()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IFlakyGrain>("f1");
        probe.Signal("flaky-fail:f1").TrySetResult();

        await Assert.ThrowsAsync<GrainActivationException>(() => grain.Ping().WaitAsync(TestClusters.Timeout));

        Assert.Equal(1, await grain.Ping().WaitAsync(TestClusters.Timeout));
        Assert.Equal(2, probe.Count("flaky-activations:f1"));
    }

    [Fact]
    public async Task ActivationFails_DurableMessagesQueuedBehindIt_AreStillProcessedInOrder()
    {
        var probe = new TestProbe();
        var memory = new InMemorySubstrate(4);
        var substrate = new GatedSubstrate(memory);
        await using var silo = await SingleSilo.StartAsync(substrate, probe);
        var grain = silo.GrainFactory.GetGrain<IFlakyGrain>("f2");
        var partition = StableHash.ToPartition("f2", substrate.PartitionCount);

        var ping = grain.Ping();
        await probe.Signal("flaky-activating:f2").Task.WaitAsync(TestClusters.Timeout);
        var dispatched = substrate.PumpIdleAfter(partition, 3);
        for (var i = 0; i < 3; i++)
        {
            await grain.Record(i);
        }

        await dispatched.WaitAsync(TestClusters.Timeout);
        probe.Signal("flaky-fail:f2").TrySetResult();

        await Assert.ThrowsAsync<GrainActivationException>(() => ping.WaitAsync(TestClusters.Timeout));
        await Polling.WaitUntilAsync(() => probe.Records<int>("flaky:f2").Count >= 3, TestClusters.Timeout, "the queued messages are processed");
        Assert.Equal([0, 1, 2], probe.Records<int>("flaky:f2"));
        await Polling.WaitUntilAsync(() => memory.PendingMessages == 0, TestClusters.Timeout, "they are consumed");
    }

    [Fact]
    public async Task StateCannotBeRead_DurableMessage_IsHandledOnceTheSubstrateAnswers()
    {
        var probe = new TestProbe();
        var memory = new InMemorySubstrate(4);
        var substrate = new GatedSubstrate(memory);
        await using var silo = await SingleSilo.StartAsync(substrate, probe);
        substrate.FailStateReads(3);

        await silo.GrainFactory.GetGrain<ICounterGrain>("unreachable").Send(7);

        // Failing the activation would acknowledge the message as a poison one: it would never be handled.
        await Polling.WaitUntilAsync(() => probe.Records<int>("sends:unreachable").Count > 0, TestClusters.Timeout, "the message is handled");
        Assert.Equal([7], probe.Records<int>("sends:unreachable"));
        Assert.Equal(0, substrate.PendingStateReadFailures);
        await Polling.WaitUntilAsync(() => memory.PendingMessages == 0, TestClusters.Timeout, "it is consumed");
    }
}

using Crawler.Runtime.Hosting;
using Crawler.Runtime.Substrate.InMemory;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Catalog;

public sealed class MessageRetryTests
{
    [Fact]
    public async Task DurableMessage_TurnFailsLessOftenThanItsAttempts_IsHandledOnceOnCommittedState()
    {
        var probe = new TestProbe();
        var memory = new InMemorySubstrate(4);
        await using var silo = await SingleSilo.StartAsync(memory, probe, RetryAtOnce);
        var grain = silo.GrainFactory.GetGrain<IStumblingGrain>("twice");

        await grain.Handle("m", failures: 2);

        await Polling.WaitUntilAsync(() => probe.Records<string>("stumbling:twice").Count > 0, TestClusters.Timeout, "the third attempt works");
        await Polling.WaitUntilAsync(() => memory.PendingMessages == 0, TestClusters.Timeout, "the message is consumed");

        // Each failed attempt was rolled back: the one that worked started from the committed state.
        Assert.Equal(["m@1"], probe.Records<string>("stumbling:twice"));
        Assert.Equal(3, probe.Count("stumbling-attempts:twice"));
    }

    [Fact]
    public async Task DurableMessage_TurnAlwaysFails_GrainIsToldOnceAndItsEffectsCommitThenItServesOn()
    {
        var probe = new TestProbe();
        var memory = new InMemorySubstrate(4);
        await using var silo = await SingleSilo.StartAsync(memory, probe, RetryAtOnce);
        var grain = silo.GrainFactory.GetGrain<IStumblingGrain>("poison");

        await grain.Handle("poison", failures: 3);
        await Polling.WaitUntilAsync(() => memory.PendingMessages == 0, TestClusters.Timeout, "the poison message is given up");
        await grain.Handle("next", failures: 3);

        await Polling.WaitUntilAsync(() => probe.Records<string>("stumbling:poison").Count > 0, TestClusters.Timeout, "the next message is handled");
        Assert.Equal(["poison@3"], probe.Records<string>("stumbling-dropped:poison"));
        Assert.Equal(["next@101"], probe.Records<string>("stumbling:poison"));
        Assert.Equal(4, probe.Count("stumbling-attempts:poison"));
    }

    private static void RetryAtOnce(SiloOptions options)
    {
        options.MaxMessageAttempts = 3;
        options.MessageRetryDelay = TimeSpan.FromMilliseconds(1);
    }
}

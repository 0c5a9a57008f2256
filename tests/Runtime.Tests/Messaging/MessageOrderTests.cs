using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Messaging;

public sealed class MessageOrderTests
{
    private const int Messages = 300;

    [Fact]
    public async Task OneWayMessages_FromOutside_ArriveInSendOrder()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 2);
        await TestClusters.WaitUntilBalancedAsync(cluster);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("ordered-sends");

        for (var i = 0; i < Messages; i++)
        {
            await grain.Send(i);
        }

        await Polling.WaitUntilAsync(() => probe.Records<int>("sends:ordered-sends").Count >= Messages, TestClusters.Timeout);
        Assert.Equal(Enumerable.Range(0, Messages), probe.Records<int>("sends:ordered-sends"));
        await Polling.WaitUntilAsync(() => cluster.Substrate.PendingMessages == 0, TestClusters.Timeout, "every message is consumed");
    }

    [Fact]
    public async Task OneWayMessages_SentWithoutAwaitingEach_ArriveInSendOrder()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("burst-sends");

        await Task.WhenAll(Enumerable.Range(0, Messages).Select(i => grain.Send(i)).ToList());

        await Polling.WaitUntilAsync(() => probe.Records<int>("sends:burst-sends").Count >= Messages, TestClusters.Timeout);
        Assert.Equal(Enumerable.Range(0, Messages), probe.Records<int>("sends:burst-sends"));
    }

    [Fact]
    public async Task Requests_FromOneCaller_ArriveInCallOrder()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 2);
        await TestClusters.WaitUntilBalancedAsync(cluster);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("ordered-calls");

        for (var i = 0; i < Messages / 2; i++)
        {
            await grain.Request(i);
        }

        // Issued back to back without waiting for each answer.
        var pending = Enumerable.Range(Messages / 2, Messages / 2).Select(i => grain.Request(i)).ToList();
        await Task.WhenAll(pending).WaitAsync(TestClusters.Timeout);

        Assert.Equal(Enumerable.Range(0, Messages), probe.Records<int>("calls:ordered-calls"));
    }
}

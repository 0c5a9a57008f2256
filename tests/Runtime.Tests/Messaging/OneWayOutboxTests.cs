using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Messaging;

public sealed class OneWayOutboxTests
{
    [Fact]
    public async Task OneWayFromTurn_WhileTurnRuns_IsNotSentUntilItCommits()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 2);
        await TestClusters.WaitUntilBalancedAsync(cluster);
        var sender = cluster.GrainFactory.GetGrain<IOutboxGrain>("sender");

        var turn = sender.SendAndWait("inbox-1", "m1");
        await probe.Signal("sent:m1").Task.WaitAsync(TestClusters.Timeout);

        // The call was made inside the turn; had it gone out, it would sit in a mailbox or be delivered by now.
        Assert.Equal(0, cluster.Substrate.PendingMessages);
        Assert.Empty(probe.Records<string>("inbox:inbox-1"));

        probe.Signal("release:m1").TrySetResult();
        await turn.WaitAsync(TestClusters.Timeout);
        await probe.Signal("inbox:inbox-1:m1").Task.WaitAsync(TestClusters.Timeout);
        Assert.Equal(["m1"], probe.Records<string>("inbox:inbox-1"));
    }

    [Fact]
    public async Task OneWayFromTurn_TurnThrowsAfterSending_IsNeverDelivered()
    {
        var probe = new TestProbe();
        await using var cluster = await TestClusters.StartAsync(probe, silos: 2);
        await TestClusters.WaitUntilBalancedAsync(cluster);
        var sender = cluster.GrainFactory.GetGrain<IOutboxGrain>("failing-sender");

        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAndFail("inbox-2", "lost"));
        await sender.Send("inbox-2", "after");

        // One sender, one target mailbox: had "lost" been committed, it would have been delivered before "after".
        await probe.Signal("inbox:inbox-2:after").Task.WaitAsync(TestClusters.Timeout);
        Assert.Equal(["after"], probe.Records<string>("inbox:inbox-2"));
        await Polling.WaitUntilAsync(() => cluster.Substrate.PendingMessages == 0, TestClusters.Timeout, "every message is consumed");
    }

    [Fact]
    public async Task OneWayFromTurn_ArgumentThatCannotBeStored_FailsTheSendAndTheNextTurnsCommit()
    {
        var probe = new TestProbe();
        var cluster = await TestClusters.StartAsync(probe, silos: 2);
        try
        {
            await TestClusters.WaitUntilBalancedAsync(cluster);
            var sender = cluster.GrainFactory.GetGrain<IOutboxGrain>("nan-sender");

            // NaN is no JSON number: found at the commit, it would fail every retry of the batch and stall the partition.
            await Assert.ThrowsAsync<ArgumentException>(() => sender.SendNumber("inbox-3", double.NaN)).WaitAsync(TestClusters.Timeout);

            // Nor can a key with a lone surrogate be stored: PostgreSQL's text (and the in-memory encoding) is UTF-8.
            await Assert.ThrowsAsync<ArgumentException>(() => sender.Send("inbox-\ud800", "lost")).WaitAsync(TestClusters.Timeout);
            await sender.SendNumber("inbox-3", 1.5).WaitAsync(TestClusters.Timeout);
            await sender.Send("inbox-3", "after").WaitAsync(TestClusters.Timeout);

            await probe.Signal("inbox:inbox-3:after").Task.WaitAsync(TestClusters.Timeout);
            Assert.Equal(["1.5", "after"], probe.Records<string>("inbox:inbox-3"));
            await Polling.WaitUntilAsync(() => cluster.Substrate.PendingMessages == 0, TestClusters.Timeout, "every message is consumed");
        }
        finally
        {
            // A stalled commit loop would keep the silos from stopping: fail instead of hanging the run.
            await cluster.DisposeAsync().AsTask().WaitAsync(TestClusters.Timeout);
        }
    }
}

using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Substrate.InMemory;
using static Crawler.Runtime.Tests.Substrate.InMemory.QueuedMessages;

namespace Crawler.Runtime.Tests.Substrate.InMemory;

/// <summary>What the in-memory substrate does beyond the contract: messages are stored encoded, as PostgreSQL stores them.</summary>
public sealed class InMemorySubstrateTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EnqueueAsync_OneMessageCannotBeWritten_StoresNone()
    {
        var substrate = new InMemorySubstrate(Partitions);
        var wrongArity = new Envelope(new GrainId("url", "k"), 1, Follow, [new Link(0, null)]);

        await Assert.ThrowsAsync<ArgumentException>(() => substrate.EnqueueAsync([Link(1, 1, 0), wrongArity], default));

        Assert.Equal(0, substrate.PendingMessages);
    }

    [Fact]
    public async Task EnqueueAsync_KeyThatIsNotValidUnicode_StoresNone()
    {
        var substrate = new InMemorySubstrate(Partitions);
        var loneSurrogate = new Envelope(new GrainId("url", "job|http://a.test/\ud800"), 1, Follow, [new Link(0, null), CancellationToken.None]);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => substrate.EnqueueAsync([Link(1, 1, 0), loneSurrogate], default));

        Assert.Equal(0, substrate.PendingMessages);
    }

    [Fact]
    public async Task EnqueueAsync_PartitionOutOfRange_StoresNone()
    {
        var substrate = new InMemorySubstrate(Partitions);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => substrate.EnqueueAsync([Link(1, 1, 0), Link(Partitions, 1, 1)], default));

        Assert.Equal(0, substrate.PendingMessages);
    }

    [Fact]
    public async Task ReadMailboxAsync_EncodedArgumentsThatDoNotReadBack_ThrowsAndHandsTheReadOutAgainAtTheNextEpoch()
    {
        var substrate = new InMemorySubstrate(Partitions);
        var recent = Enumerable.Range(0, InMemoryMailbox.RecentCapacity).Select(i => Link(1, 0, i));
        var unreadable = new Envelope(new GrainId("url", "k"), 1, Compare, [1]);
        await substrate.EnqueueAsync([.. recent, Link(1, 1, 0), unreadable, Link(1, 1, 1)], default);
        var first = await substrate.TryAcquireLeaseAsync(1, "a", T0, TimeSpan.FromMinutes(1), default);

        await Assert.ThrowsAsync<NotSupportedException>(() => substrate.ReadMailboxAsync(first!, int.MaxValue, default));

        // As on PostgreSQL, a failed read leaves its messages delivered at its epoch: its owner gives the partition up.
        Assert.Empty(await substrate.ReadMailboxAsync(first!, int.MaxValue, default));
        Assert.Equal(InMemoryMailbox.RecentCapacity + 3, substrate.PendingMessages);
        await substrate.ReleaseLeaseAsync(first!, default);
        var second = await substrate.TryAcquireLeaseAsync(1, "a", T0, TimeSpan.FromMinutes(1), default);
        var before = await substrate.ReadMailboxAsync(second!, InMemoryMailbox.RecentCapacity + 1, default);
        Assert.Equal(UrlOf(1, 0), UrlIn(before[^1]));
        await Assert.ThrowsAsync<NotSupportedException>(() => substrate.ReadMailboxAsync(second!, 10, default));
    }

    [Fact]
    public async Task CommitAsync_OutgoingMessageCannotBeWritten_AppliesNoTurnOfTheBatch()
    {
        var substrate = new InMemorySubstrate(Partitions);
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, TimeSpan.FromMinutes(1), default);
        var grain = new GrainId("G", "k");
        var wrongArity = new Envelope(new GrainId("url", "k"), 1, Follow, []);

        await Assert.ThrowsAsync<ArgumentException>(() => substrate.CommitAsync(
            [
                new TurnCommit(0, lease!.Epoch, grain) { State = [1], Outgoing = [Link(1, 1, 0)] },
                new TurnCommit(0, lease.Epoch, grain) { State = [2], Outgoing = [wrongArity] },
            ],
            T0,
            default));

        Assert.Equal(0, substrate.PendingMessages);
        Assert.Null(await substrate.ReadStateAsync(grain, default));
    }

    [Fact]
    public async Task CommitAsync_RefusedTurnBetweenAppliedOnes_StoresTheOthersMessagesToTheirPartitions()
    {
        var substrate = new InMemorySubstrate(Partitions);
        var stale = await substrate.TryAcquireLeaseAsync(0, "a", T0, TimeSpan.FromSeconds(10), default);
        var current = await substrate.TryAcquireLeaseAsync(0, "b", T0 + TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), default);
        var one = await substrate.TryAcquireLeaseAsync(1, "b", T0, TimeSpan.FromMinutes(1), default);
        var two = await substrate.TryAcquireLeaseAsync(2, "b", T0, TimeSpan.FromMinutes(1), default);
        var grain = new GrainId("G", "k");
        var now = T0 + TimeSpan.FromSeconds(11);

        var refused = await substrate.CommitAsync(
            [
                new TurnCommit(0, current!.Epoch, grain) { Outgoing = [Link(1, 1, 0), Link(2, 1, 1)] },
                new TurnCommit(0, stale!.Epoch, grain) { Outgoing = [Link(1, 9, 9)] },
                new TurnCommit(0, current.Epoch, grain) { Outgoing = [Link(2, 1, 2), Link(1, 1, 3)] },
            ],
            now,
            default);

        Assert.Equal([new PartitionEpoch(0, stale.Epoch)], refused);
        Assert.Equal([UrlOf(1, 0), UrlOf(1, 3)], (await substrate.ReadMailboxAsync(one!, 10, default)).Select(UrlIn));
        Assert.Equal([UrlOf(1, 1), UrlOf(1, 2)], (await substrate.ReadMailboxAsync(two!, 10, default)).Select(UrlIn));
    }
}

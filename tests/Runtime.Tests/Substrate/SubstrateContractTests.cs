using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Tests.Infrastructure.Postgres;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Substrate;

/// <summary>
/// What every substrate must do, whatever stores it: leases with epochs that fence commits, atomic commits,
/// mailboxes that redeliver what a lost owner never consumed. Each substrate derives a class that makes a fresh,
/// empty instance; all times are passed in explicitly, so no test waits.
/// </summary>
public abstract class SubstrateContractTests
{
    protected const int Partitions = 8;

    protected static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    private static readonly GrainMethod SendMethod = GrainMethod.For(typeof(ICounterGrain).GetMethod(nameof(ICounterGrain.Send))!);

    /// <summary>A new, empty substrate with <paramref name="partitionCount"/> partitions.</summary>
    protected abstract Task<ISubstrate> CreateSubstrateAsync(int partitionCount);

    [SubstrateFact]
    public async Task TryAcquireLease_FreePartition_GrantsItWithAPositiveEpoch()
    {
        var substrate = await CreateSubstrateAsync(Partitions);

        var lease = await substrate.TryAcquireLeaseAsync(3, "a", T0, Lease, default);

        Assert.NotNull(lease);
        Assert.Equal(3, lease.Partition);
        Assert.Equal("a", lease.Owner);
        Assert.True(lease.Epoch > 0);
        Assert.Equal(T0 + Lease, lease.ExpiresAt);
        Assert.Equal(lease, (await substrate.ListLeasesAsync(default))[3]);
    }

    [SubstrateFact]
    public async Task TryAcquireLease_HeldByAnother_IsRefused()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var held = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);

        var taken = await substrate.TryAcquireLeaseAsync(0, "b", T0 + Lease - TimeSpan.FromMilliseconds(1), Lease, default);

        Assert.Null(taken);
        Assert.Equal(held, (await substrate.ListLeasesAsync(default))[0]);
    }

    [SubstrateFact]
    public async Task TryAcquireLease_ExpiredLease_IsGrantedToAnotherWithHigherEpoch()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var first = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);

        var second = await substrate.TryAcquireLeaseAsync(0, "b", T0 + Lease, Lease, default);

        Assert.NotNull(second);
        Assert.Equal("b", second.Owner);
        Assert.True(second.Epoch > first!.Epoch);
    }

    [SubstrateFact]
    public async Task TryAcquireLease_OwnExpiredLease_StartsANewEpoch()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var first = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);

        var again = await substrate.TryAcquireLeaseAsync(0, "a", T0 + Lease + Lease, Lease, default);

        // What "a" read under the first epoch may never have been committed; a new epoch redelivers it.
        Assert.True(again!.Epoch > first!.Epoch);
    }

    [SubstrateFact]
    public async Task RenewLeases_HeldLease_ExtendsItAndKeepsTheEpoch()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var lease = await substrate.TryAcquireLeaseAsync(1, "a", T0, Lease, default);
        var later = T0 + TimeSpan.FromSeconds(7);

        var renewed = await substrate.RenewLeasesAsync("a", [lease!], later, Lease, default);

        var single = Assert.Single(renewed);
        Assert.Equal(lease!.Epoch, single.Epoch);
        Assert.Equal(later + Lease, single.ExpiresAt);
        Assert.Null(await substrate.TryAcquireLeaseAsync(1, "b", T0 + Lease + TimeSpan.FromSeconds(1), Lease, default));
    }

    [SubstrateFact]
    public async Task RenewLeases_AfterExpiryAndTakeover_RenewsNothing()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var stale = await substrate.TryAcquireLeaseAsync(1, "a", T0, Lease, default);
        var current = await substrate.TryAcquireLeaseAsync(1, "b", T0 + Lease, Lease, default);

        var renewed = await substrate.RenewLeasesAsync("a", [stale!], T0 + Lease + TimeSpan.FromSeconds(1), Lease, default);

        Assert.Empty(renewed);
        Assert.Equal(current, (await substrate.ListLeasesAsync(default))[1]);
    }

    [SubstrateFact]
    public async Task RenewLeases_Expired_IsNotRenewedEvenIfNobodyTookIt()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var lease = await substrate.TryAcquireLeaseAsync(1, "a", T0, Lease, default);

        var renewed = await substrate.RenewLeasesAsync("a", [lease!], T0 + Lease, Lease, default);

        Assert.Empty(renewed);
    }

    [SubstrateFact]
    public async Task ReleaseLease_Held_AnotherAcquiresAtOnceWithHigherEpoch()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var lease = await substrate.TryAcquireLeaseAsync(2, "a", T0, Lease, default);

        await substrate.ReleaseLeaseAsync(lease!, default);
        var taken = await substrate.TryAcquireLeaseAsync(2, "b", T0 + TimeSpan.FromSeconds(1), Lease, default);

        Assert.NotNull(taken);
        Assert.Equal("b", taken.Owner);
        Assert.True(taken.Epoch > lease!.Epoch);
    }

    [SubstrateFact]
    public async Task ReleaseLease_StaleEpoch_LeavesTheNewOwnerAlone()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var stale = await substrate.TryAcquireLeaseAsync(2, "a", T0, Lease, default);
        var current = await substrate.TryAcquireLeaseAsync(2, "b", T0 + Lease, Lease, default);

        await substrate.ReleaseLeaseAsync(stale!, default);

        Assert.Equal(current, (await substrate.ListLeasesAsync(default))[2]);
    }

    [SubstrateFact]
    public async Task Commit_CurrentEpoch_AppliesStateMessagesAndAppends()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var target = await substrate.TryAcquireLeaseAsync(5, "a", T0, Lease, default);
        var grain = new GrainId("G", "k");

        var refused = await substrate.CommitAsync(
            [new TurnCommit(0, lease!.Epoch, grain) { State = [1, 2, 3], Outgoing = [Message(5, 7)], Appends = [new StreamAppend("s", "r1")] }],
            T0 + TimeSpan.FromSeconds(1),
            default);

        Assert.Empty(refused);
        Assert.Equal([1, 2, 3], await substrate.ReadStateAsync(grain, default));
        Assert.Equal([7], (await substrate.ReadMailboxAsync(target!, 10, default)).Select(IdOf));
        Assert.Equal(["r1"], await substrate.ReadStreamAsync("s", 0, 10, default));
    }

    [SubstrateFact]
    public async Task Commit_StaleEpochAfterAnotherAcquired_IsRefusedAndAppliesNothing()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var stale = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var current = await substrate.TryAcquireLeaseAsync(0, "b", T0 + Lease, Lease, default);
        var target = await substrate.TryAcquireLeaseAsync(5, "b", T0 + Lease, Lease, default);
        var grain = new GrainId("G", "k");
        var now = T0 + Lease + TimeSpan.FromSeconds(1);

        var refused = await substrate.CommitAsync(
            [new TurnCommit(0, stale!.Epoch, grain) { State = [9], Outgoing = [Message(5, 1)], Appends = [new StreamAppend("s", "stale")] }],
            now,
            default);

        Assert.Equal([new PartitionEpoch(0, stale.Epoch)], refused);
        Assert.Null(await substrate.ReadStateAsync(grain, default));
        Assert.Empty(await substrate.ReadMailboxAsync(target!, 10, default));
        Assert.Empty(await substrate.ReadStreamAsync("s", 0, 10, default));

        var accepted = await substrate.CommitAsync([new TurnCommit(0, current!.Epoch, grain) { State = [4] }], now, default);
        Assert.Empty(accepted);
        Assert.Equal([4], await substrate.ReadStateAsync(grain, default));
    }

    [SubstrateFact]
    public async Task Commit_LeaseExpiredAndNotTakenOver_IsRefused()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var grain = new GrainId("G", "k");

        var refused = await substrate.CommitAsync([new TurnCommit(0, lease!.Epoch, grain) { State = [1] }], T0 + Lease, default);

        Assert.Equal([new PartitionEpoch(0, lease.Epoch)], refused);
        Assert.Null(await substrate.ReadStateAsync(grain, default));
    }

    [SubstrateFact]
    public async Task Commit_AfterRelease_IsRefused()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        await substrate.ReleaseLeaseAsync(lease!, default);
        var grain = new GrainId("G", "k");

        var refused = await substrate.CommitAsync([new TurnCommit(0, lease!.Epoch, grain) { State = [1] }], T0 + TimeSpan.FromSeconds(1), default);

        Assert.Equal([new PartitionEpoch(0, lease.Epoch)], refused);
        Assert.Null(await substrate.ReadStateAsync(grain, default));
    }

    [SubstrateFact]
    public async Task Commit_BatchWithOneFencedPartition_AppliesTheOthers()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var stale = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        await substrate.TryAcquireLeaseAsync(0, "b", T0 + Lease, Lease, default);
        var mine = await substrate.TryAcquireLeaseAsync(1, "a", T0 + Lease, Lease, default);
        var fenced = new GrainId("G", "fenced");
        var fine = new GrainId("G", "fine");

        var refused = await substrate.CommitAsync(
            [new TurnCommit(0, stale!.Epoch, fenced) { State = [1] }, new TurnCommit(1, mine!.Epoch, fine) { State = [2] }],
            T0 + Lease + TimeSpan.FromSeconds(1),
            default);

        Assert.Equal([new PartitionEpoch(0, stale.Epoch)], refused);
        Assert.Null(await substrate.ReadStateAsync(fenced, default));
        Assert.Equal([2], await substrate.ReadStateAsync(fine, default));
    }

    [SubstrateFact]
    public async Task Commit_BatchWithStaleAndCurrentOwnershipOfOnePartition_RefusesOnlyTheStale()
    {
        // A silo lost a partition and took it again: a late turn of its old ownership may share a batch with turns
        // of the new one. Refusing the whole partition would drop the new ownership's work for nothing.
        var substrate = await CreateSubstrateAsync(Partitions);
        var old = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        await substrate.ReleaseLeaseAsync(old!, default);
        var current = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var late = new GrainId("G", "late");
        var now = new GrainId("G", "now");

        var refused = await substrate.CommitAsync(
            [new TurnCommit(0, old!.Epoch, late) { State = [1] }, new TurnCommit(0, current!.Epoch, now) { State = [2] }],
            T0 + TimeSpan.FromSeconds(1),
            default);

        Assert.Equal([new PartitionEpoch(0, old.Epoch)], refused);
        Assert.Null(await substrate.ReadStateAsync(late, default));
        Assert.Equal([2], await substrate.ReadStateAsync(now, default));
    }

    [SubstrateFact]
    public async Task Commit_ClearState_RemovesIt()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var grain = new GrainId("G", "k");
        await substrate.CommitAsync([new TurnCommit(0, lease!.Epoch, grain) { State = [1] }], T0, default);

        await substrate.CommitAsync([new TurnCommit(0, lease.Epoch, grain) { ClearState = true }], T0, default);

        Assert.Null(await substrate.ReadStateAsync(grain, default));
    }

    [SubstrateFact]
    public async Task Commit_SameTurnTwice_AppliesItOnce()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        await substrate.EnqueueAsync([Message(0, 1)], default);
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var target = await substrate.TryAcquireLeaseAsync(5, "a", T0, Lease, default);
        var handled = Assert.Single(await substrate.ReadMailboxAsync(lease!, 10, default));
        var turn = new TurnCommit(0, lease!.Epoch, handled.Target)
        {
            ConsumedSequence = handled.Sequence,
            State = [7],
            Outgoing = [Message(5, 2)],
            Appends = [new StreamAppend("s", "once")],
        };
        var now = T0 + TimeSpan.FromSeconds(1);

        Assert.Empty(await substrate.CommitAsync([turn], now, default));

        // The reply to the first commit was lost, so the committer sends the same batch again.
        Assert.Empty(await substrate.CommitAsync([turn], now, default));
        Assert.Equal([2], (await substrate.ReadMailboxAsync(target!, 10, default)).Select(IdOf));
        Assert.Equal(["once"], await substrate.ReadStreamAsync("s", 0, 10, default));
        Assert.Equal([7], await substrate.ReadStateAsync(handled.Target, default));
        Assert.Empty(await substrate.ReadMailboxAsync(lease, 10, default));
    }

    [SubstrateFact]
    public async Task Commit_SameTurnTwiceInOneBatch_AppliesItOnce()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        await substrate.EnqueueAsync([Message(0, 1)], default);
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var handled = Assert.Single(await substrate.ReadMailboxAsync(lease!, 10, default));
        var turn = new TurnCommit(0, lease!.Epoch, handled.Target) { ConsumedSequence = handled.Sequence, Appends = [new StreamAppend("s", "once")] };

        Assert.Empty(await substrate.CommitAsync([turn, turn], T0, default));

        Assert.Equal(["once"], await substrate.ReadStreamAsync("s", 0, 10, default));
    }

    [SubstrateFact]
    public async Task Commit_StreamRecordWithControlCharacters_ReadsBackTheSame()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        const string Record = "title\0with a NUL, a \u001b escape and \ud83d\udd77 a spider";

        Assert.Empty(await substrate.CommitAsync([new TurnCommit(0, lease!.Epoch, new GrainId("G", "k")) { Appends = [new StreamAppend("s", Record)] }], T0, default));

        Assert.Equal([Record], await substrate.ReadStreamAsync("s", 0, 10, default));
    }

    [SubstrateFact]
    public async Task ReadMailbox_Message_KeepsTargetMethodAndArguments()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var sent = Message(3, 42);
        await substrate.EnqueueAsync([sent], default);
        var lease = await substrate.TryAcquireLeaseAsync(3, "a", T0, Lease, default);

        var read = Assert.Single(await substrate.ReadMailboxAsync(lease!, 10, default));

        Assert.Equal(sent.Target, read.Target);
        Assert.Equal(3, read.Partition);
        Assert.Same(SendMethod, read.Method);
        Assert.Equal(42, Assert.Single(read.Arguments));
        Assert.True(read.Sequence > 0);
    }

    [SubstrateFact]
    public async Task ReadMailbox_SameEpoch_HandsOutEachMessageOnceInOrder()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        await substrate.EnqueueAsync([.. Enumerable.Range(0, 5).Select(i => Message(4, i))], default);
        var lease = await substrate.TryAcquireLeaseAsync(4, "a", T0, Lease, default);

        var first = await substrate.ReadMailboxAsync(lease!, 3, default);
        var second = await substrate.ReadMailboxAsync(lease!, 10, default);
        var third = await substrate.ReadMailboxAsync(lease!, 10, default);

        Assert.Equal([0, 1, 2], first.Select(IdOf));
        Assert.Equal([3, 4], second.Select(IdOf));
        Assert.Empty(third);
        Assert.True(first.Concat(second).Select(m => m.Sequence).SequenceEqual(first.Concat(second).Select(m => m.Sequence).Order()));
    }

    [SubstrateFact]
    public async Task ReadMailbox_NewEpoch_RedeliversUnconsumedInOrderAndNotConsumed()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        await substrate.EnqueueAsync([.. Enumerable.Range(0, 6).Select(i => Message(4, i))], default);
        var first = await substrate.TryAcquireLeaseAsync(4, "a", T0, Lease, default);
        var read = await substrate.ReadMailboxAsync(first!, 4, default);
        var consumed = new[] { read[0], read[2] };
        var refused = await substrate.CommitAsync(
            [.. consumed.Select(m => new TurnCommit(4, first!.Epoch, m.Target) { ConsumedSequence = m.Sequence })],
            T0 + TimeSpan.FromSeconds(1),
            default);
        Assert.Empty(refused);

        var second = await substrate.TryAcquireLeaseAsync(4, "b", T0 + Lease, Lease, default);
        var redelivered = await substrate.ReadMailboxAsync(second!, 10, default);

        Assert.Equal([1, 3, 4, 5], redelivered.Select(IdOf));
        Assert.Empty(await substrate.ReadMailboxAsync(second!, 10, default));
    }

    [SubstrateFact]
    public async Task ReadMailbox_StaleLease_ReturnsNothing()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        await substrate.EnqueueAsync([Message(4, 0)], default);
        var stale = await substrate.TryAcquireLeaseAsync(4, "a", T0, Lease, default);
        var current = await substrate.TryAcquireLeaseAsync(4, "b", T0 + Lease, Lease, default);

        Assert.Empty(await substrate.ReadMailboxAsync(stale!, 10, default));
        Assert.Equal([0], (await substrate.ReadMailboxAsync(current!, 10, default)).Select(IdOf));
    }

    [SubstrateFact]
    public async Task ReadMailbox_OnlyItsPartition()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        await substrate.EnqueueAsync([Message(1, 10), Message(2, 20), Message(1, 11)], default);
        var lease = await substrate.TryAcquireLeaseAsync(1, "a", T0, Lease, default);

        Assert.Equal([10, 11], (await substrate.ReadMailboxAsync(lease!, 10, default)).Select(IdOf));
    }

    [SubstrateFact]
    public async Task WaitForMailbox_MessageArrives_Returns()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var waiting = substrate.WaitForMailboxAsync(6, TimeSpan.FromMinutes(5), default);

        await substrate.EnqueueAsync([Message(6, 1)], default);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [SubstrateFact]
    public async Task ReadStream_OffsetAndMax_ReturnsThatSliceInAppendOrder()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var grain = new GrainId("G", "k");
        await substrate.CommitAsync(
            [
                new TurnCommit(0, lease!.Epoch, grain) { Appends = [new StreamAppend("s", "r0"), new StreamAppend("s", "r1")] },
                new TurnCommit(0, lease.Epoch, grain) { Appends = [new StreamAppend("s", "r2"), new StreamAppend("other", "x")] },
            ],
            T0,
            default);

        Assert.Equal(["r1", "r2"], await substrate.ReadStreamAsync("s", 1, 5, default));
        Assert.Equal(["r0"], await substrate.ReadStreamAsync("s", 0, 1, default));
        Assert.Empty(await substrate.ReadStreamAsync("s", 3, 5, default));
        Assert.Empty(await substrate.ReadStreamAsync("missing", 0, 5, default));
    }

    [SubstrateFact]
    public async Task UpsertSilo_SameIdTwice_ListsTheLatestRow()
    {
        var substrate = await CreateSubstrateAsync(Partitions);
        await substrate.UpsertSiloAsync(new SiloRecord("a", "http://a", SiloStatus.Joining, T0, T0, 0), default);
        await substrate.UpsertSiloAsync(new SiloRecord("b", "http://b", SiloStatus.Active, T0, T0, 0), default);
        await substrate.UpsertSiloAsync(new SiloRecord("a", "http://a", SiloStatus.Active, T0, T0 + Lease, 3), default);

        var silos = await substrate.ListSilosAsync(default);

        Assert.Equal(2, silos.Count);
        var a = silos.Single(s => s.SiloId == "a");
        Assert.Equal(SiloStatus.Active, a.Status);
        Assert.Equal(T0 + Lease, a.Heartbeat);
        Assert.Equal(3, a.Activations);
    }

    protected static Envelope Message(int partition, int id) =>
        new(new GrainId(nameof(CounterGrain), $"k{id}"), partition, SendMethod, [id]);

    protected static int IdOf(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return (int)envelope.Arguments[0]!;
    }
}

using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;

namespace Crawler.Runtime.Tests.Infrastructure;

/// <summary>
/// A substrate that can hold commits back (a slow database, deterministically): while held, each commit
/// waits until <see cref="ReleaseCommits"/>, and <see cref="CommitHeld"/> completes when the first one arrives.
/// It also tells when a partition's pump has dispatched what it read and gone back to waiting
/// (<see cref="PumpIdleAfter"/>), and can fail the next state reads (<see cref="FailStateReads"/>) or a partition's next
/// mailbox read (<see cref="FailNextMailboxRead"/>) or every lease release (<see cref="FailLeaseReleases"/>), as an unreachable database does. Everything else goes straight to the inner substrate.
/// </summary>
public sealed class GatedSubstrate(ISubstrate inner) : ISubstrate
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _release;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<int, int> _delivered = [];
    private int _failingReleases;
    private readonly List<(int Partition, int Delivered, TaskCompletionSource Done)> _idleWaiters = [];
    private int _failingStateReads;
    private readonly HashSet<int> _failingMailboxReads = [];

    public int PartitionCount => inner.PartitionCount;

    /// <summary>Completes when a commit is waiting behind <see cref="HoldCommits"/>.</summary>
    public Task CommitHeld
    {
        get
        {
            lock (_gate)
            {
                return _held.Task;
            }
        }
    }

    /// <summary>
    /// Completes when the pump of <paramref name="partition"/> waits for new mail after at least
    /// <paramref name="delivered"/> messages were read from it: the pump has dispatched all of them.
    /// </summary>
    public Task PumpIdleAfter(int partition, int delivered)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _idleWaiters.Add((partition, delivered, done));
        }

        return done.Task;
    }

    /// <summary>The next <paramref name="count"/> state reads throw.</summary>
    public void FailStateReads(int count) => Interlocked.Exchange(ref _failingStateReads, count);

    /// <summary>State reads that were made to fail and have not happened yet.</summary>
    public int PendingStateReadFailures => Volatile.Read(ref _failingStateReads);

    /// <summary>The next mailbox read of <paramref name="partition"/> throws.</summary>
    public void FailNextMailboxRead(int partition)
    {
        lock (_gate)
        {
            _failingMailboxReads.Add(partition);
        }
    }

    public void HoldCommits()
    {
        lock (_gate)
        {
            _release ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void ReleaseCommits()
    {
        TaskCompletionSource? release;
        lock (_gate)
        {
            release = _release;
            _release = null;
        }

        release?.TrySetResult();
    }

    public async Task<IReadOnlySet<PartitionEpoch>> CommitAsync(IReadOnlyList<TurnCommit> commits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Task? wait = null;
        lock (_gate)
        {
            if (_release is not null)
            {
                wait = _release.Task;
                _held.TrySetResult();
            }
        }

        if (wait is not null)
        {
            await wait.WaitAsync(cancellationToken);
        }

        return await inner.CommitAsync(commits, now, cancellationToken);
    }

    public Task UpsertSiloAsync(SiloRecord silo, CancellationToken cancellationToken) => inner.UpsertSiloAsync(silo, cancellationToken);

    public Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken cancellationToken) => inner.ListSilosAsync(cancellationToken);

    public Task<IReadOnlyList<PartitionLease>> ListLeasesAsync(CancellationToken cancellationToken) => inner.ListLeasesAsync(cancellationToken);

    public Task<PartitionLease?> TryAcquireLeaseAsync(int partition, string siloId, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        inner.TryAcquireLeaseAsync(partition, siloId, now, duration, cancellationToken);

    public Task<IReadOnlyList<PartitionLease>> RenewLeasesAsync(string siloId, IReadOnlyList<PartitionLease> held, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        inner.RenewLeasesAsync(siloId, held, now, duration, cancellationToken);

    public Task ReleaseLeaseAsync(PartitionLease lease, CancellationToken cancellationToken) =>
        Volatile.Read(ref _failingReleases) == 1
            ? Task.FromException(new InvalidOperationException("The database refuses the release (too many connections)."))
            : inner.ReleaseLeaseAsync(lease, cancellationToken);

    /// <summary>From now on every lease release throws, as a database out of connections does.</summary>
    public void FailLeaseReleases() => Volatile.Write(ref _failingReleases, 1);

    public Task EnqueueAsync(IReadOnlyList<Envelope> messages, CancellationToken cancellationToken) => inner.EnqueueAsync(messages, cancellationToken);

    public async Task<IReadOnlyList<Envelope>> ReadMailboxAsync(PartitionLease lease, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            if (_failingMailboxReads.Remove(lease.Partition))
            {
                throw new IOException("The substrate cannot be reached (made to fail by the test).");
            }
        }

        var messages = await inner.ReadMailboxAsync(lease, max, cancellationToken);
        lock (_gate)
        {
            _delivered[lease.Partition] = _delivered.GetValueOrDefault(lease.Partition) + messages.Count;
        }

        return messages;
    }

    public Task WaitForMailboxAsync(int partition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        List<TaskCompletionSource> idle;
        lock (_gate)
        {
            var delivered = _delivered.GetValueOrDefault(partition);
            idle = [.. _idleWaiters.Where(w => w.Partition == partition && w.Delivered <= delivered).Select(w => w.Done)];
            _idleWaiters.RemoveAll(w => idle.Contains(w.Done));
        }

        foreach (var done in idle)
        {
            done.TrySetResult();
        }

        return inner.WaitForMailboxAsync(partition, timeout, cancellationToken);
    }

    public Task<byte[]?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken)
    {
        var failing = Volatile.Read(ref _failingStateReads);
        while (failing > 0)
        {
            var seen = Interlocked.CompareExchange(ref _failingStateReads, failing - 1, failing);
            if (seen == failing)
            {
                return Task.FromException<byte[]?>(new IOException("The substrate cannot be reached (made to fail by the test)."));
            }

            failing = seen;
        }

        return inner.ReadStateAsync(grain, cancellationToken);
    }

    public Task<IReadOnlyList<object>> ReadStreamAsync(string stream, long offset, int max, CancellationToken cancellationToken) =>
        inner.ReadStreamAsync(stream, offset, max, cancellationToken);
}

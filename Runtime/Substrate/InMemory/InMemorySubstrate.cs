using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>
/// The substrate for one process: no server, nothing to install. One lock makes every operation atomic,
/// which is what the PostgreSQL substrate gets from transactions. Every message is encoded as the PostgreSQL mailbox
/// holds it (key in UTF-8, arguments in JSON, the latter already when it was sent), so what could not be stored there
/// fails here too; a mailbox keeps that form for the messages waiting behind its first few hundred, so a long queue
/// costs a few bytes per message (see <see cref="InMemoryMailbox"/>).
/// </summary>
public sealed class InMemorySubstrate : ISubstrate
{
    public const int DefaultPartitionCount = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SiloRecord> _silos = new(StringComparer.Ordinal);
    private readonly PartitionLease[] _leases;
    private readonly InMemoryMailbox[] _mailboxes;
    private readonly Dictionary<GrainId, byte[]> _states = [];
    private readonly Dictionary<string, List<object>> _streams = new(StringComparer.Ordinal);
    private readonly MessageVocabulary _vocabulary = new();
    private readonly TimeProvider _timeProvider;
    private long _nextSequence;

    public InMemorySubstrate(int partitionCount = DefaultPartitionCount, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        PartitionCount = partitionCount;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _leases = new PartitionLease[partitionCount];
        _mailboxes = new InMemoryMailbox[partitionCount];
        for (var i = 0; i < partitionCount; i++)
        {
            _leases[i] = new PartitionLease(i, null, 0, DateTimeOffset.MinValue);
            _mailboxes[i] = new InMemoryMailbox(_vocabulary);
        }
    }

    public int PartitionCount { get; }

    /// <summary>Messages stored and not yet consumed, over all partitions.</summary>
    public int PendingMessages
    {
        get
        {
            lock (_gate)
            {
                return _mailboxes.Sum(m => m.Count);
            }
        }
    }

    public Task UpsertSiloAsync(SiloRecord silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        lock (_gate)
        {
            _silos[silo.SiloId] = silo;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SiloRecord>>([.. _silos.Values]);
        }
    }

    public Task<IReadOnlyList<PartitionLease>> ListLeasesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PartitionLease>>([.. _leases]);
        }
    }

    public Task<PartitionLease?> TryAcquireLeaseAsync(int partition, string siloId, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var current = _leases[partition];
            PartitionLease? result = null;
            if (current.IsHeldBy(siloId, now))
            {
                result = current with { ExpiresAt = now + duration };
            }
            else if (current.IsFree(now))
            {
                result = new PartitionLease(partition, siloId, current.Epoch + 1, now + duration);
            }

            if (result is not null)
            {
                _leases[partition] = result;
            }

            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<PartitionLease>> RenewLeasesAsync(string siloId, IReadOnlyList<PartitionLease> held, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        lock (_gate)
        {
            var renewed = new List<PartitionLease>(held.Count);
            foreach (var lease in held)
            {
                var current = _leases[lease.Partition];
                if (current.Epoch == lease.Epoch && current.IsHeldBy(siloId, now))
                {
                    _leases[lease.Partition] = current with { ExpiresAt = now + duration };
                    renewed.Add(_leases[lease.Partition]);
                }
            }

            return Task.FromResult<IReadOnlyList<PartitionLease>>(renewed);
        }
    }

    public Task ReleaseLeaseAsync(PartitionLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            var current = _leases[lease.Partition];
            if (current.Epoch == lease.Epoch && current.Owner == lease.Owner)
            {
                _leases[lease.Partition] = current with { Owner = null, ExpiresAt = DateTimeOffset.MinValue };
            }
        }

        return Task.CompletedTask;
    }

    public Task EnqueueAsync(IReadOnlyList<Envelope> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var encoded = EncodedBatch.Of(messages, PartitionCount);
        lock (_gate)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                Store(messages[i], encoded, i);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// As <see cref="ISubstrate.ReadMailboxAsync"/>. Encoded messages are turned into envelopes after the lock is released;
    /// one whose arguments do not read back throws, and what this read took is handed out again at the next epoch.
    /// </summary>
    public Task<IReadOnlyList<Envelope>> ReadMailboxAsync(PartitionLease lease, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        List<DeliveredMessage> taken;
        lock (_gate)
        {
            var current = _leases[lease.Partition];
            if (current.Epoch != lease.Epoch || current.Owner != lease.Owner)
            {
                return Task.FromResult<IReadOnlyList<Envelope>>([]);
            }

            taken = _mailboxes[lease.Partition].Take(lease.Epoch, max);
        }

        var envelopes = new Envelope[taken.Count];
        for (var i = 0; i < envelopes.Length; i++)
        {
            envelopes[i] = taken[i].ToEnvelope(lease.Partition);
        }

        return Task.FromResult<IReadOnlyList<Envelope>>(envelopes);
    }

    public async Task WaitForMailboxAsync(int partition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
        {
            signal = _mailboxes[partition].NextSignal();
        }

        if (signal.IsCompleted)
        {
            return;
        }

        // Waking on the timeout is the normal idle path, told apart without an exception; the caller just reads again.
        await signal.WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    public Task<byte[]?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_states.GetValueOrDefault(grain));
        }
    }

    public Task<IReadOnlySet<PartitionEpoch>> CommitAsync(IReadOnlyList<TurnCommit> commits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var refused = new HashSet<PartitionEpoch>();
        using var encoded = EncodedBatch.Of(commits.SelectMany(static c => c.Outgoing), PartitionCount);
        lock (_gate)
        {
            var outgoing = 0;
            foreach (var commit in commits)
            {
                var first = outgoing;
                outgoing += commit.Outgoing.Count;
                var lease = _leases[commit.Partition];
                if (lease.Epoch != commit.Epoch || lease.Owner is null || lease.ExpiresAt <= now)
                {
                    refused.Add(PartitionEpoch.Of(commit));
                    continue;
                }

                Apply(commit, encoded, first);
            }
        }

        return Task.FromResult<IReadOnlySet<PartitionEpoch>>(refused);
    }

    public Task<IReadOnlyList<object>> ReadStreamAsync(string stream, long offset, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        lock (_gate)
        {
            if (!_streams.TryGetValue(stream, out var records) || offset >= records.Count)
            {
                return Task.FromResult<IReadOnlyList<object>>([]);
            }

            var count = (int)Math.Min(max, records.Count - offset);
            return Task.FromResult<IReadOnlyList<object>>(records.GetRange((int)offset, count));
        }
    }

    /// <summary>Applies a turn whose sent messages are <paramref name="encoded"/> from <paramref name="firstOutgoing"/> on.</summary>
    private void Apply(TurnCommit commit, EncodedBatch encoded, int firstOutgoing)
    {
        // A turn whose message is gone was committed before (a retry after a lost reply): apply it only once.
        if (commit.ConsumedSequence is { } consumed && !_mailboxes[commit.Partition].Consume(consumed))
        {
            return;
        }

        if (commit.ClearState)
        {
            _states.Remove(commit.Grain);
        }
        else if (commit.State is { } state)
        {
            _states[commit.Grain] = state;
        }

        for (var i = 0; i < commit.Outgoing.Count; i++)
        {
            Store(commit.Outgoing[i], encoded, firstOutgoing + i);
        }

        foreach (var append in commit.Appends)
        {
            if (!_streams.TryGetValue(append.Stream, out var records))
            {
                records = [];
                _streams.Add(append.Stream, records);
            }

            records.Add(append.Record);
        }
    }

    private void Store(Envelope message, EncodedBatch encoded, int index)
    {
        message.Sequence = ++_nextSequence;
        _mailboxes[message.Partition].Add(message, encoded, index);
    }
}

using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Substrate;

/// <summary>
/// The shared, durable engine under the silos: membership, partition leases, mailboxes, grain state and
/// streams. In-memory for one process; PostgreSQL for a cluster. Both pass the same contract tests.
/// </summary>
public interface ISubstrate
{
    /// <summary>Number of partitions; fixed for the life of the cluster.</summary>
    int PartitionCount { get; }

    Task UpsertSiloAsync(SiloRecord silo, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<PartitionLease>> ListLeasesAsync(CancellationToken cancellationToken);

    /// <summary>Takes a partition that is free or expired (a new epoch), or extends one this silo holds.</summary>
    Task<PartitionLease?> TryAcquireLeaseAsync(int partition, string siloId, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends the leases still held at their epochs; returns the ones renewed.</summary>
    Task<IReadOnlyList<PartitionLease>> RenewLeasesAsync(string siloId, IReadOnlyList<PartitionLease> held, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    Task ReleaseLeaseAsync(PartitionLease lease, CancellationToken cancellationToken);

    /// <summary>Stores messages sent from outside any turn (a client's).</summary>
    Task EnqueueAsync(IReadOnlyList<Envelope> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Hands the lease holder the next messages it has not been given at this epoch. A new epoch starts again
    /// from the oldest unconsumed message, so what a lost owner read but never committed is redelivered.
    /// </summary>
    Task<IReadOnlyList<Envelope>> ReadMailboxAsync(PartitionLease lease, int max, CancellationToken cancellationToken);

    /// <summary>Returns when the partition may have new messages, or after the timeout.</summary>
    Task WaitForMailboxAsync(int partition, TimeSpan timeout, CancellationToken cancellationToken);

    Task<byte[]?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the turns atomically per partition. Returns the ownerships refused: those whose epoch the partition's
    /// lease no longer holds (taken over, released or expired). Their commits apply nothing; every other commit of
    /// the batch applies, even one of the same partition at its current epoch.
    /// </summary>
    Task<IReadOnlySet<PartitionEpoch>> CommitAsync(IReadOnlyList<TurnCommit> commits, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<object>> ReadStreamAsync(string stream, long offset, int max, CancellationToken cancellationToken);
}

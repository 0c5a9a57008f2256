using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;

namespace Crawler.Runtime.Transport;

/// <summary>
/// How a request call reaches the silo that owns the target's partition when that silo runs in another process.
/// Durable one-way messages never come here: they go through the substrate's mailboxes.
/// </summary>
public interface ISiloTransport
{
    /// <summary>
    /// Runs the call on <paramref name="silo"/> and returns the grain's answer. Throws
    /// <see cref="PartitionMovedException"/> when that silo does not hold the partition (the caller refreshes its
    /// view of the leases and tries again), <see cref="SiloUnavailableException"/> when it is stopping or cannot be
    /// reached (likewise), <see cref="RemoteGrainException"/> when the grain threw, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> (which carries the
    /// caller's deadline) fires first.
    /// </summary>
    Task<object?> InvokeAsync(SiloRecord silo, GrainId grain, int partition, GrainMethod method, IReadOnlyList<object?> arguments, CancellationToken cancellationToken);
}

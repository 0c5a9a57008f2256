using Crawler.Runtime.Substrate;

namespace Crawler.Runtime.Diagnostics;

/// <summary>What the runtime of one silo knows about itself at one moment, for the dashboard: cheap to take, read-only.</summary>
public sealed record RuntimeSnapshot
{
    public required string SiloId { get; init; }

    public required SiloStatus Status { get; init; }

    public required string Address { get; init; }

    public required IReadOnlyList<int> Partitions { get; init; }

    /// <summary>Live activations by grain type name.</summary>
    public required IReadOnlyDictionary<string, int> ActivationsByType { get; init; }

    /// <summary>Work items waiting in the activations' in-memory queues (the durable mailboxes are not counted).</summary>
    public long QueuedWork { get; init; }

    public long CommitsRefused { get; init; }

    public long PartitionsLost { get; init; }

    public required IReadOnlyList<MethodSnapshot> Methods { get; init; }
}

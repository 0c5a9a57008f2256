using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Substrate;

/// <summary>
/// Everything one turn changes, applied atomically and only if the partition is still held at
/// <see cref="Epoch"/>: the message it consumed, the grain's new state, the messages it sent, the stream
/// records it appended.
/// </summary>
public sealed class TurnCommit(int partition, long epoch, GrainId grain)
{
    public int Partition { get; } = partition;

    public long Epoch { get; } = epoch;

    public GrainId Grain { get; } = grain;

    /// <summary>Mailbox sequence of the durable message the turn handled, if it handled one.</summary>
    public long? ConsumedSequence { get; init; }

    /// <summary>The serialized new state, when the turn wrote state.</summary>
    public byte[]? State { get; init; }

    /// <summary>True when the turn cleared the grain's state.</summary>
    public bool ClearState { get; init; }

    public IReadOnlyList<Envelope> Outgoing { get; init; } = [];

    public IReadOnlyList<StreamAppend> Appends { get; init; } = [];
}

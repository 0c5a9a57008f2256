namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>
/// A record at the head of an <see cref="EncodedMessageQueue"/>: its grain type and method as the vocabulary's
/// indexes, its key (UTF-8) and its arguments (UTF-8 JSON). The bytes are the queue's and change with its next read.
/// </summary>
internal readonly ref struct QueuedMessage(long sequence, int type, int method, ReadOnlySpan<byte> key, ReadOnlySpan<byte> arguments)
{
    public long Sequence { get; } = sequence;

    public int Type { get; } = type;

    public int Method { get; } = method;

    public ReadOnlySpan<byte> Key { get; } = key;

    public ReadOnlySpan<byte> Arguments { get; } = arguments;
}

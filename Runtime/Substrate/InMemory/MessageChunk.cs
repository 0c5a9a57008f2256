namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>One block of an <see cref="EncodedMessageQueue"/>: records written back to back.</summary>
internal sealed class MessageChunk(int capacity, long baseSequence)
{
    public byte[] Bytes { get; } = new byte[capacity];

    public int Length { get; set; }

    /// <summary>The sequence of the record before this chunk's first: each record holds its step from the one before.</summary>
    public long BaseSequence { get; set; } = baseSequence;

    public int Room => Bytes.Length - Length;
}

using System.Diagnostics;

namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>
/// The messages of one mailbox that wait to be handed out, as records in a few byte chunks rather than as objects:
/// a million queued URLs take tens of megabytes, not hundreds. A record is its sequence (the step from the record
/// before), a flag byte, its grain type and method (vocabulary indexes), then its key and its arguments, each as the
/// length it shares with the record before and the bytes after that. The links of one page go to one partition
/// together and share their host and their parent page, so most of each key and of each argument text is not stored
/// again. Records are read in order only, each rebuilt from the one before; a record consumed before it was handed
/// out is flagged where it lies and skipped.
/// </summary>
internal sealed class EncodedMessageQueue
{
    public const int FirstChunkSize = 256;

    /// <summary>Below the 85,000 bytes from which an array goes to the large object heap.</summary>
    public const int MaxChunkSize = 64 * 1024;

    private const byte RemovedFlag = 1;

    private readonly List<MessageChunk> _chunks = [];

    private long _lastSequence;
    private byte[] _lastKey = [];
    private int _lastKeyLength;
    private byte[] _lastArguments = [];
    private int _lastArgumentsLength;

    /// <summary>Where the next record to read starts in the first chunk.</summary>
    private int _head;
    private long _readSequence;
    private byte[] _readKey = [];
    private int _readKeyLength;
    private byte[] _readArguments = [];
    private int _readArgumentsLength;

    /// <summary>Where the record <see cref="TryPeek"/> returned ends, or -1 when it may no longer be taken.</summary>
    private int _peekedEnd = -1;
    private long _peekedSequence;

    /// <summary>Records not yet taken nor removed.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held by the chunks.</summary>
    public long AllocatedBytes => _chunks.Sum(static c => (long)c.Bytes.Length);

    /// <summary>Adds a record at the end; sequences must grow.</summary>
    public void Append(long sequence, int type, int method, ReadOnlySpan<byte> key, ReadOnlySpan<byte> arguments)
    {
        if (sequence <= _lastSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"Sequences must grow: the last one queued is {_lastSequence}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(type);
        ArgumentOutOfRangeException.ThrowIfNegative(method);
        _peekedEnd = -1;
        var keyShared = key.CommonPrefixLength(_lastKey.AsSpan(0, _lastKeyLength));
        var argumentsShared = arguments.CommonPrefixLength(_lastArguments.AsSpan(0, _lastArgumentsLength));
        var keyTail = key[keyShared..];
        var argumentsTail = arguments[argumentsShared..];
        var step = (ulong)(sequence - _lastSequence);
        var size = Varint.SizeOf(step) + 1 + Varint.SizeOf((ulong)type) + Varint.SizeOf((ulong)method)
            + Varint.SizeOf((ulong)keyShared) + Varint.SizeOf((ulong)keyTail.Length) + keyTail.Length
            + Varint.SizeOf((ulong)argumentsShared) + Varint.SizeOf((ulong)argumentsTail.Length) + argumentsTail.Length;

        var chunk = ChunkWithRoomFor(size);
        var record = chunk.Bytes.AsSpan(chunk.Length, size);
        var at = Varint.Write(record, step);
        record[at++] = 0;
        at += Varint.Write(record[at..], (ulong)type);
        at += Varint.Write(record[at..], (ulong)method);
        at += Varint.Write(record[at..], (ulong)keyShared);
        at += Varint.Write(record[at..], (ulong)keyTail.Length);
        keyTail.CopyTo(record[at..]);
        at += keyTail.Length;
        at += Varint.Write(record[at..], (ulong)argumentsShared);
        at += Varint.Write(record[at..], (ulong)argumentsTail.Length);
        argumentsTail.CopyTo(record[at..]);
        Debug.Assert(at + argumentsTail.Length == size, "the record's size was counted right");
        chunk.Length += size;

        Rebuild(ref _lastKey, ref _lastKeyLength, keyShared, keyTail);
        Rebuild(ref _lastArguments, ref _lastArgumentsLength, argumentsShared, argumentsTail);
        _lastSequence = sequence;
        Count++;
    }

    /// <summary>
    /// The first record not yet taken, without taking it; <see cref="TakePeeked"/> takes it. Its bytes stay valid until
    /// the next call on the queue.
    /// </summary>
    public bool TryPeek(out QueuedMessage message)
    {
        while (Count > 0)
        {
            var bytes = _chunks[0].Bytes.AsSpan(0, _chunks[0].Length);
            var at = _head;
            var sequence = _readSequence + (long)Varint.Read(bytes, ref at);
            var flags = bytes[at++];
            var type = Varint.ReadInt(bytes, ref at);
            var method = Varint.ReadInt(bytes, ref at);
            var keyShared = Varint.ReadInt(bytes, ref at);
            var keyTailLength = Varint.ReadInt(bytes, ref at);
            Rebuild(ref _readKey, ref _readKeyLength, keyShared, bytes.Slice(at, keyTailLength));
            at += keyTailLength;
            var argumentsShared = Varint.ReadInt(bytes, ref at);
            var argumentsTailLength = Varint.ReadInt(bytes, ref at);
            Rebuild(ref _readArguments, ref _readArgumentsLength, argumentsShared, bytes.Slice(at, argumentsTailLength));
            at += argumentsTailLength;

            // A removed record is still rebuilt: the next one may share bytes with it.
            if ((flags & RemovedFlag) != 0)
            {
                MoveHead(at, sequence);
                continue;
            }

            _peekedEnd = at;
            _peekedSequence = sequence;
            message = new QueuedMessage(sequence, type, method, _readKey.AsSpan(0, _readKeyLength), _readArguments.AsSpan(0, _readArgumentsLength));
            return true;
        }

        message = default;
        return false;
    }

    /// <summary>Takes the record <see cref="TryPeek"/> returned.</summary>
    public void TakePeeked()
    {
        if (_peekedEnd < 0)
        {
            throw new InvalidOperationException("No record was peeked since the queue last changed.");
        }

        Count--;
        MoveHead(_peekedEnd, _peekedSequence);
    }

    /// <summary>Removes a record not yet taken; false when no such record waits here.</summary>
    public bool Remove(long sequence)
    {
        _peekedEnd = -1;
        if (Count == 0 || sequence <= _readSequence || sequence > _lastSequence)
        {
            return false;
        }

        var index = ChunkHolding(sequence);
        var chunk = _chunks[index];
        var bytes = chunk.Bytes.AsSpan(0, chunk.Length);
        var at = index == 0 ? _head : 0;
        var current = index == 0 ? _readSequence : chunk.BaseSequence;
        while (at < bytes.Length)
        {
            current += (long)Varint.Read(bytes, ref at);
            if (current >= sequence)
            {
                if (current > sequence || (bytes[at] & RemovedFlag) != 0)
                {
                    return false;
                }

                bytes[at] |= RemovedFlag;
                Count--;
                return true;
            }

            at++;
            _ = Varint.Read(bytes, ref at);
            _ = Varint.Read(bytes, ref at);
            _ = Varint.Read(bytes, ref at);
            var keyTailLength = Varint.ReadInt(bytes, ref at);
            at += keyTailLength;
            _ = Varint.Read(bytes, ref at);
            var argumentsTailLength = Varint.ReadInt(bytes, ref at);
            at += argumentsTailLength;
        }

        return false;
    }

    private MessageChunk ChunkWithRoomFor(int size)
    {
        if (_chunks.Count > 0 && _chunks[^1].Room >= size)
        {
            return _chunks[^1];
        }

        var capacity = _chunks.Count == 0 ? FirstChunkSize : Math.Min(MaxChunkSize, _chunks[^1].Bytes.Length * 2);
        var chunk = new MessageChunk(Math.Max(capacity, size), _lastSequence);
        _chunks.Add(chunk);
        return chunk;
    }

    /// <summary>The last chunk that starts before <paramref name="sequence"/>: the one that holds it, if any does.</summary>
    private int ChunkHolding(long sequence)
    {
        var low = 0;
        var high = _chunks.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_chunks[middle].BaseSequence < sequence)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private void MoveHead(int end, long sequence)
    {
        _peekedEnd = -1;
        _head = end;
        _readSequence = sequence;
        if (_head < _chunks[0].Length)
        {
            return;
        }

        _head = 0;
        if (_chunks.Count > 1 || _chunks[0].Bytes.Length > MaxChunkSize)
        {
            _chunks.RemoveAt(0);
        }
        else
        {
            // Everything written was read: the chunk is written again from its start.
            _chunks[0].Length = 0;
            _chunks[0].BaseSequence = sequence;
        }
    }

    /// <summary>Makes <paramref name="buffer"/> hold its first <paramref name="shared"/> bytes followed by <paramref name="tail"/>.</summary>
    private static void Rebuild(ref byte[] buffer, ref int length, int shared, ReadOnlySpan<byte> tail)
    {
        if (shared > length)
        {
            throw new InvalidOperationException("A queued message is corrupt: it shares more bytes than the one before it has.");
        }

        var total = shared + tail.Length;

        // Grown for one large message, the buffer is made small again for the next ordinary one.
        if (buffer.Length < total || (buffer.Length > MaxChunkSize && total <= MaxChunkSize))
        {
            var resized = new byte[buffer.Length < total ? Math.Max(total, buffer.Length * 2) : MaxChunkSize];
            buffer.AsSpan(0, shared).CopyTo(resized);
            buffer = resized;
        }

        tail.CopyTo(buffer.AsSpan(shared));
        length = total;
    }
}

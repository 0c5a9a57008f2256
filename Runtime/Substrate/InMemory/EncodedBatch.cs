using System.Buffers;
using System.Text;
using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>
/// Messages about to be stored, each as its key in UTF-8 and its arguments in UTF-8 JSON (the codec of the PostgreSQL
/// mailbox too; the runtime encodes them when a message is sent, see <see cref="Envelope.EncodeArguments"/>). Written
/// before the substrate's lock is taken, so no partition waits on it, and before any message is stored, so one that
/// cannot be written refuses its whole call. The bytes are in one pooled buffer: a group commit's messages can take
/// megabytes.
/// </summary>
internal sealed class EncodedBatch : IBufferWriter<byte>, IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Per message, where its key ends and where its arguments end.</summary>
    private readonly List<int> _ends = [];
    private byte[] _buffer = [];
    private int _written;

    private EncodedBatch()
    {
    }

    /// <summary>Encodes the messages in order; throws, and holds nothing, if any is for no partition or cannot be written.</summary>
    public static EncodedBatch Of(IEnumerable<Envelope> messages, int partitionCount)
    {
        var encoded = new EncodedBatch();
        try
        {
            foreach (var message in messages)
            {
                if ((uint)message.Partition >= (uint)partitionCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(messages), message.Partition, $"A message to {message.Target} is for no partition of 0..{partitionCount - 1}.");
                }

                var key = message.Target.Key;
                var span = encoded.GetSpan(StrictUtf8.GetMaxByteCount(key.Length));
                encoded.Advance(StrictUtf8.GetBytes(key, span));
                encoded._ends.Add(encoded._written);

                var arguments = message.EncodeArguments();
                arguments.CopyTo(encoded.GetSpan(arguments.Length));
                encoded.Advance(arguments.Length);
                encoded._ends.Add(encoded._written);
            }
        }
        catch
        {
            encoded.Dispose();
            throw;
        }

        return encoded;
    }

    public ReadOnlySpan<byte> KeyOf(int index)
    {
        var start = index == 0 ? 0 : _ends[(2 * index) - 1];
        return _buffer.AsSpan(start, _ends[2 * index] - start);
    }

    public ReadOnlySpan<byte> ArgumentsOf(int index)
    {
        var start = _ends[2 * index];
        return _buffer.AsSpan(start, _ends[(2 * index) + 1] - start);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose() => ReturnBuffer();

    private void Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(256, _buffer.Length * 2)));
        _buffer.AsSpan(0, _written).CopyTo(grown);
        ReturnBuffer();
        _buffer = grown;
    }

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}

using System.Buffers;
using System.Text;
using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>
/// The keys of messages about to be stored, in UTF-8, each message's arguments being encoded as well (UTF-8 JSON, the
/// codec of the PostgreSQL mailbox too, kept on the envelope: see <see cref="Envelope.EncodeArguments"/>). Done before
/// the substrate's lock is taken, so no partition waits on it, and before any message is stored, so one that cannot be
/// written refuses its whole call. The keys are in one pooled buffer: a group commit's messages can be many.
/// </summary>
internal sealed class EncodedBatch : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Per message, where its key ends.</summary>
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

                // Normally encoded when sent already (and kept); a message made otherwise is encoded here.
                message.EncodeArguments();
                var key = message.Target.Key;
                encoded.Reserve(StrictUtf8.GetMaxByteCount(key.Length));
                encoded._written += StrictUtf8.GetBytes(key, encoded._buffer.AsSpan(encoded._written));
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
        var start = index == 0 ? 0 : _ends[index - 1];
        return _buffer.AsSpan(start, _ends[index] - start);
    }

    public void Dispose() => ReturnBuffer();

    private void Reserve(int bytes)
    {
        var needed = _written + bytes;
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

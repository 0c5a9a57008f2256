using System.Text;
using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>
/// A message handed out and not yet consumed: either the envelope as it was sent (a message that never waited
/// encoded), or its key (UTF-8) and arguments (UTF-8 JSON) back to back, turned into an envelope each time it is
/// handed out, outside the substrate's lock.
/// </summary>
internal readonly struct DeliveredMessage
{
    private readonly Envelope? _sent;
    private readonly string? _type;
    private readonly GrainMethod? _method;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly int _keyLength;

    private DeliveredMessage(long sequence, Envelope? sent, string? type, GrainMethod? method, ReadOnlyMemory<byte> bytes, int keyLength)
    {
        Sequence = sequence;
        _sent = sent;
        _type = type;
        _method = method;
        _bytes = bytes;
        _keyLength = keyLength;
    }

    public long Sequence { get; }

    public static DeliveredMessage Sent(Envelope envelope) => new(envelope.Sequence, envelope, null, null, default, 0);

    public static DeliveredMessage Encoded(long sequence, string type, GrainMethod method, ReadOnlyMemory<byte> keyAndArguments, int keyLength) =>
        new(sequence, null, type, method, keyAndArguments, keyLength);

    /// <summary>The message as an envelope; throws when encoded arguments do not read back as the method's parameter types.</summary>
    public Envelope ToEnvelope(int partition)
    {
        if (_sent is { } sent)
        {
            return sent;
        }

        var bytes = _bytes.Span;
        var target = new GrainId(_type!, Encoding.UTF8.GetString(bytes[.._keyLength]));
        return new Envelope(target, partition, _method!, GrainArgumentsJson.Read(_method!, bytes[_keyLength..])) { Sequence = Sequence };
    }
}

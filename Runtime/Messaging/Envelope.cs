namespace Crawler.Runtime.Messaging;

/// <summary>A message to a grain: which grain, which method, with which arguments, and where it is queued.</summary>
public sealed class Envelope(GrainId target, int partition, GrainMethod method, object?[] arguments)
{
    private byte[]? _encodedArguments;

    public GrainId Target { get; } = target;

    public int Partition { get; } = partition;

    public GrainMethod Method { get; } = method;

    public IReadOnlyList<object?> Arguments { get; } = arguments;

    /// <summary>Position in the partition's mailbox, set by the substrate when the message is stored.</summary>
    public long Sequence { get; set; }

    internal object?[] ArgumentArray { get; } = arguments;

    /// <summary>
    /// The arguments as UTF-8 JSON, the form the substrates store: written at the first call and kept. The runtime
    /// calls it when a message is sent, so arguments that cannot be written fail the sender's call, not its commit.
    /// </summary>
    internal byte[] EncodeArguments() => _encodedArguments ??= GrainArgumentsJson.Encode(Method, Arguments);
}

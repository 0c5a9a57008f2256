namespace Crawler.Runtime;

/// <summary>
/// A grain on another silo process threw while handling a request call. Exceptions do not cross processes, so the
/// caller gets this one instead: it names the original exception's type and carries its message.
/// </summary>
public sealed class RemoteGrainException : Exception
{
    public RemoteGrainException()
    {
    }

    public RemoteGrainException(string message)
        : base(message)
    {
    }

    public RemoteGrainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RemoteGrainException(string remoteType, string remoteMessage, string siloId)
        : base($"{remoteType} on silo {siloId}: {remoteMessage}")
    {
        RemoteType = remoteType;
        RemoteMessage = remoteMessage;
        SiloId = siloId;
    }

    /// <summary>Full name of the exception type the grain threw, e.g. <c>System.ArgumentException</c>.</summary>
    public string? RemoteType { get; }

    /// <summary>The original exception's message.</summary>
    public string? RemoteMessage { get; }

    /// <summary>The silo the grain ran on.</summary>
    public string? SiloId { get; }
}

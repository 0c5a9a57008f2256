namespace Crawler.Runtime;

/// <summary>A grain could not be activated (its constructor, state load or OnActivateAsync threw).</summary>
public sealed class GrainActivationException : Exception
{
    public GrainActivationException()
    {
    }

    public GrainActivationException(string message)
        : base(message)
    {
    }

    public GrainActivationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

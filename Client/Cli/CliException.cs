namespace Crawler.Client.Cli;

/// <summary>A problem the user can fix; printed as one line, exit code 2.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

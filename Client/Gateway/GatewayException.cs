using System.Net;

namespace Crawler.Client.Gateway;

/// <summary>
/// The gateway could not be reached, refused the request, or answered something unusable. The message is one line
/// for the user; <see cref="StatusCode"/> is the HTTP status when there was one.
/// </summary>
internal sealed class GatewayException : Exception
{
    public GatewayException()
    {
    }

    public GatewayException(string message)
        : base(message)
    {
    }

    public GatewayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GatewayException(string message, HttpStatusCode statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>The gateway turned down what the user asked for (a bad spec, a taken job id): exit code 2, not 1.</summary>
    public bool IsUsageError => StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.RequestEntityTooLarge;
}

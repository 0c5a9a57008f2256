using Crawler.Runtime;

namespace Crawler.Silo.Gateway;

/// <summary>
/// Turns "the cluster could not answer" into 503 with a clear message instead of a 500: no silo took the job's
/// partition within the response timeout, or this silo is stopping. The client may retry, here or at another silo.
/// </summary>
internal sealed partial class UnavailableFilter(ILogger<UnavailableFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is TimeoutException or SiloUnavailableException)
        {
            Log.Unavailable(logger, ex, context.HttpContext.Request.Path);
            context.HttpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem($"The cluster could not answer: {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

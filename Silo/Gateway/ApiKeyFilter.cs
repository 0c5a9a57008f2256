using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Crawler.Silo.Gateway;

/// <summary>
/// Lets a gateway request through only with the configured API key, in <c>X-Api-Key</c> or
/// <c>Authorization: Bearer</c>. Keys are compared as SHA-256 digests in constant time, so neither the content nor
/// the length of the key leaks through timing. With no key configured (loopback only) every request passes.
/// </summary>
internal sealed partial class ApiKeyFilter : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";
    private const string BearerPrefix = "Bearer ";
    private readonly byte[]? _expected;
    private readonly ILogger<ApiKeyFilter> _logger;

    public ApiKeyFilter(IOptions<GatewayOptions> options, ILogger<ApiKeyFilter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _expected = options.Value.RequiresApiKey ? Digest(options.Value.ApiKey!) : null;
        _logger = logger;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (_expected is null)
        {
            return await next(context);
        }

        var http = context.HttpContext;
        var presented = PresentedKey(http.Request);
        if (presented is not null && CryptographicOperations.FixedTimeEquals(Digest(presented), _expected))
        {
            return await next(context);
        }

        Log.Refused(_logger, http.Request.Method, http.Request.Path, http.Connection.RemoteIpAddress?.ToString() ?? "?", presented is not null);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            presented is null
                ? $"This gateway needs an API key: send it in the {HeaderName} header or as Authorization: Bearer <key>."
                : "The API key was refused.",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.Count > 0 && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[BearerPrefix.Length..].Trim()
            : null;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

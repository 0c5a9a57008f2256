using System.Security.Cryptography;
using System.Text;
using Crawler.Silo.Gateway;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// Guards the dashboard when the silo is bound beyond loopback (on loopback it is open, as the gateway is). It takes
/// the gateway's API key (<c>X-Api-Key</c>, <c>Authorization: Bearer</c>, or <c>?key=</c> once, which then sets an
/// HttpOnly cookie so the page's own requests carry it) or basic auth with <c>Dashboard:Username</c>/<c>Password</c>.
/// The cookie holds a keyed digest, never the key. Everything is compared as digests in constant time.
/// </summary>
internal sealed partial class DashboardAuthFilter : IEndpointFilter
{
    public const string CookieName = "crawler_dashboard";
    public const string KeyQuery = "key";
    private const string BasicPrefix = "Basic ";
    private const string BearerPrefix = "Bearer ";

    private readonly bool _open;
    private readonly byte[]? _apiKey;
    private readonly byte[]? _basic;
    private readonly string? _cookie;
    private readonly ILogger<DashboardAuthFilter> _logger;

    public DashboardAuthFilter(GatewayBinding binding, IOptions<GatewayOptions> gateway, IOptions<DashboardOptions> options, ILogger<DashboardAuthFilter> logger)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(options);
        _open = binding.IsLoopbackOnly;
        _logger = logger;
        if (gateway.Value.RequiresApiKey)
        {
            _apiKey = Digest(gateway.Value.ApiKey!);
            _cookie = Convert.ToBase64String(HMACSHA256.HashData(_apiKey, "crawler-dashboard-session"u8)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        if (options.Value.HasBasicAuth)
        {
            _basic = Digest($"{options.Value.Username}:{options.Value.Password}");
        }
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (_open || IsAuthorized(http))
        {
            return await next(context);
        }

        Log.Refused(_logger, http.Request.Path, http.Connection.RemoteIpAddress?.ToString() ?? "?");
        if (_basic is not null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"crawler dashboard\", charset=\"UTF-8\"";
        }

        return TypedResults.Problem(
            "The dashboard needs the gateway's API key (open it once as dashboard/?key=<key>, or send X-Api-Key) or its user name and password.",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    private bool IsAuthorized(HttpContext http)
    {
        var request = http.Request;
        if (_apiKey is not null)
        {
            if (request.Cookies.TryGetValue(CookieName, out var cookie) && Matches(Digest(cookie), Digest(_cookie!)))
            {
                return true;
            }

            if (PresentedKey(request) is { } key && Matches(Digest(key), _apiKey))
            {
                if (request.Query.ContainsKey(KeyQuery))
                {
                    http.Response.Cookies.Append(CookieName, _cookie!, new CookieOptions
                    {
                        HttpOnly = true,
                        SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
                        Secure = request.IsHttps,
                        Path = "/",
                    });
                }

                return true;
            }
        }

        if (_basic is not null)
        {
            var authorization = request.Headers[HeaderNames.Authorization].ToString();
            if (authorization.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase) && DecodeBasic(authorization[BasicPrefix.Length..]) is { } credentials)
            {
                return Matches(Digest(credentials), _basic);
            }
        }

        return false;
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(ApiKeyFilter.HeaderName, out var header) && !string.IsNullOrEmpty(header.ToString()))
        {
            return header.ToString();
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }

        return request.Query.TryGetValue(KeyQuery, out var query) && !string.IsNullOrEmpty(query.ToString()) ? query.ToString() : null;
    }

    private static string? DecodeBasic(string encoded)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Matches(byte[] presented, byte[] expected) => CryptographicOperations.FixedTimeEquals(presented, expected);

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}

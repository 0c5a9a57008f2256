using System.Net;

namespace Crawler.Silo.Gateway;

/// <summary>
/// Where the silo's one HTTP port is bound, read from configuration the way Kestrel reads it (<c>urls</c>,
/// <c>http_ports</c>/<c>https_ports</c>, <c>Kestrel:Endpoints</c>), and whether all of it is loopback. Anything
/// reachable from another machine needs the API key, so the decision errs to "not loopback".
/// </summary>
internal sealed record GatewayBinding(IReadOnlyList<string> Urls)
{
    private const string HttpPortsKey = "http_ports";
    private const string HttpsPortsKey = "https_ports";
    private const string KestrelEndpointsSection = "Kestrel:Endpoints";

    /// <summary>True when no URL can be reached from another machine: loopback addresses, localhost, Unix sockets, named pipes.</summary>
    public bool IsLoopbackOnly => Urls.All(IsLoopback);

    /// <summary>The configured URLs another machine could connect to.</summary>
    public IReadOnlyList<string> PublicUrls => [.. Urls.Where(u => !IsLoopback(u))];

    public static GatewayBinding FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = new List<string>();
        urls.AddRange(Split(configuration[WebHostDefaults.ServerUrlsKey]));
        urls.AddRange(Split(configuration[HttpPortsKey]).Select(port => $"http://*:{port}"));
        urls.AddRange(Split(configuration[HttpsPortsKey]).Select(port => $"https://*:{port}"));
        urls.AddRange(configuration.GetSection(KestrelEndpointsSection).GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>()
            .Where(url => url.Length > 0));
        return new GatewayBinding(urls);
    }

    /// <summary>Whether any binding is configured at all (otherwise the silo falls back to its default URL).</summary>
    public static bool HasConfiguredBinding(IConfiguration configuration) => FromConfiguration(configuration).Urls.Count > 0;

    /// <summary>
    /// Whether a Kestrel URL listens only where other machines cannot connect: 127.0.0.0/8, ::1, <c>localhost</c>,
    /// a Unix socket or a named pipe. <c>0.0.0.0</c>, <c>[::]</c>, <c>*</c>, <c>+</c> and host names (which Kestrel
    /// binds to every interface) are not; neither is anything that does not parse.
    /// </summary>
    public static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return true;
        }

        var host = address.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    private static string[] Split(string? list) =>
        list?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}

using System.Net;
using Microsoft.AspNetCore.Http;

namespace Crawler.Runtime.Transport;

/// <summary>
/// Which address a silo advertises in the membership table, and whether its server is reachable from other
/// machines (then its internal endpoint must be guarded by a cluster key).
/// </summary>
internal static class SiloAddresses
{
    /// <summary>
    /// The configured address when there is one (containers, where the server binds 0.0.0.0); otherwise the first
    /// HTTP address the server bound, its port the real one (port 0 resolved), a wildcard host replaced by the
    /// machine's name. Null when nothing usable is bound.
    /// </summary>
    public static string? Advertised(string? configured, IReadOnlyList<string> bound, string hostName)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim().TrimEnd('/');
        }

        var addresses = bound.Select(Parse).Where(a => a is { IsUnixPipe: false }).ToList();
        var chosen = addresses.FirstOrDefault(a => a!.Scheme == "http") ?? addresses.FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }

        var host = IsWildcard(chosen.Host) ? hostName : chosen.Host;
        return $"{chosen.Scheme}://{host}:{chosen.Port}";
    }

    /// <summary>True when every bound address is a loopback one, so only this machine can call the silo.</summary>
    public static bool IsLoopbackOnly(IReadOnlyList<string> bound) =>
        bound.Select(Parse).All(a => a is { IsUnixPipe: true } || (a is not null && IsLoopbackHost(a.Host)));

    private static BindingAddress? Parse(string address)
    {
        try
        {
            return BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsWildcard(string host) =>
        host is "*" or "+" or "0.0.0.0" or "[::]" or "::" || string.IsNullOrEmpty(host);

    private static bool IsLoopbackHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}

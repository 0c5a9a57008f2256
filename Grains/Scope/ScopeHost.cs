using System.Net;
using System.Text;
using Crawler.Grains.Urls;

namespace Crawler.Grains.Scope;

/// <summary>The parts of a URL that scope decisions compare, with the host in the normalizer's form.</summary>
/// <param name="Domain">
/// The host without a leading "www." (what <see cref="Interfaces.CrawlScope.Domain"/> compares against), unless
/// that would leave a single label: "www.com" stays as is rather than putting all of ".com" in scope.
/// </param>
internal readonly record struct ScopeHost(string Scheme, string Host, int Port, IPAddress? Address, string Domain)
{
    private const string WwwPrefix = "www.";

    public static ScopeHost From(Uri url)
    {
        var address = url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(url.DnsSafeHost, out var parsed) ? parsed : null;
        var host = NormalizeHost(url);
        var domain = address is null && host.StartsWith(WwwPrefix, StringComparison.Ordinal) && host.IndexOf('.', WwwPrefix.Length) > 0
            ? host[WwwPrefix.Length..]
            : host;
        return new ScopeHost(url.Scheme.ToLowerInvariant(), host, url.Port, address, domain);
    }

    /// <summary>Same host name, or the same IP address however it is written.</summary>
    public bool IsSameHost(ScopeHost other) =>
        Address is not null || other.Address is not null
            ? Address is not null && Address.Equals(other.Address)
            : string.Equals(Host, other.Host, StringComparison.Ordinal);

    /// <summary>True when <paramref name="candidate"/> is this host's domain or a subdomain of it; an IP only contains itself.</summary>
    public bool ContainsHost(ScopeHost candidate)
    {
        if (Address is not null || candidate.Address is not null)
        {
            return IsSameHost(candidate);
        }

        var host = candidate.Host;
        return host.Length == Domain.Length
            ? string.Equals(host, Domain, StringComparison.Ordinal)
            : host.Length > Domain.Length
                && host[host.Length - Domain.Length - 1] == '.'
                && host.EndsWith(Domain, StringComparison.Ordinal);
    }

    /// <summary>
    /// Puts the host in the form UrlNormalizer writes (lowercase, punycode, no trailing dot), so that
    /// a seed typed as "Bücher.example." matches the normalized links found on its pages.
    /// </summary>
    private static string NormalizeHost(Uri url)
    {
        var builder = new StringBuilder(url.Host.Length);
        return HostNormalizer.TryAppend(builder, url.Host, out _)
            ? builder.ToString()
            : url.IdnHost.TrimEnd('.').ToLowerInvariant();
    }
}

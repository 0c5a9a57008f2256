using System.Globalization;
using System.Net;

namespace Crawler.SyntheticSite;

/// <summary>
/// Where the graph lives once ports are known: the URL of every node, and the route of every path.
/// </summary>
internal sealed class SiteLayout
{
    public const string Scheme = "http";

    public static readonly IPAddress HostAddress = IPAddress.Loopback;

    public static readonly IPAddress ExternalAddress = IPAddress.Parse("127.0.0.2");

    private readonly SiteGraph _graph;
    private readonly int[] _hostPorts;
    private readonly Dictionary<int, int> _hostByPort;
    private readonly string[] _hostOrigins;

    public SiteLayout(SiteGraph graph, IReadOnlyList<int> hostPorts, int externalPort)
    {
        if (hostPorts.Count != graph.HostCount)
        {
            throw new ArgumentException("One port per host is needed.", nameof(hostPorts));
        }

        _graph = graph;
        _hostPorts = [.. hostPorts];
        ExternalPort = externalPort;
        _hostByPort = [];
        _hostOrigins = new string[_hostPorts.Length];
        for (var host = 0; host < _hostPorts.Length; host++)
        {
            _hostByPort.Add(_hostPorts[host], host);
            _hostOrigins[host] = Origin(HostAddress, _hostPorts[host]);
        }

        ExternalOrigin = Origin(ExternalAddress, externalPort);
    }

    public SiteGraph Graph => _graph;

    public IReadOnlyList<int> HostPorts => _hostPorts;

    public int ExternalPort { get; }

    /// <summary>"http://127.0.0.2:{port}", without a trailing slash.</summary>
    public string ExternalOrigin { get; }

    /// <summary>"http://127.0.0.1:{port}" of a host, without a trailing slash.</summary>
    public string HostOrigin(int host) => _hostOrigins[host];

    public bool TryGetHost(int port, out int host) => _hostByPort.TryGetValue(port, out host);

    public static string PagePath(int page) =>
        page == 0 ? "/" : "/p/" + page.ToString(CultureInfo.InvariantCulture);

    public string PageUrl(int page) => _hostOrigins[_graph.HostOfPage(page)] + PagePath(page);

    /// <summary>The path of a target on its own host.</summary>
    public static string PathOf(SiteTarget target) => target.Kind switch
    {
        LinkKind.Page => PagePath(target.Page),
        LinkKind.Redirect => "/r/" + target.Page.ToString(CultureInfo.InvariantCulture),
        LinkKind.NotFound => string.Create(CultureInfo.InvariantCulture, $"/missing/{target.Page}-{target.Index}"),
        LinkKind.External => string.Create(CultureInfo.InvariantCulture, $"/ext/{target.Page}-{target.Index}"),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Kind, "Unknown link kind."),
    };

    /// <summary>"http://host:port" of the host that serves a target.</summary>
    public string OriginOf(SiteTarget target)
    {
        var host = _graph.HostOf(target);
        return host == SiteGraph.ExternalHost ? ExternalOrigin : _hostOrigins[host];
    }

    /// <summary>The normalized absolute URL of a target.</summary>
    public string UrlOf(SiteTarget target) => OriginOf(target) + PathOf(target);

    /// <summary>How a host answers a path. Query strings are not part of the site, so any query is a 404.</summary>
    public SiteRoute RouteOnHost(int host, ReadOnlySpan<char> path, bool hasQuery)
    {
        if (hasQuery)
        {
            return SiteRoute.NotFound;
        }

        if (path is "/")
        {
            return host == 0 ? new SiteRoute(LinkKind.Page, 0) : SiteRoute.NotFound;
        }

        if (path.StartsWith("/p/", StringComparison.Ordinal)
            && TryParseId(path[3..], out var page)
            && page > 0
            && _graph.HostOfPage(page) == host)
        {
            return new SiteRoute(LinkKind.Page, page);
        }

        if (path.StartsWith("/r/", StringComparison.Ordinal)
            && TryParseId(path[3..], out var target)
            && _graph.HostOfPage(target) == host)
        {
            return new SiteRoute(LinkKind.Redirect, target);
        }

        return SiteRoute.NotFound;
    }

    /// <summary>How the external host answers a path: everything under /ext/ is a tiny page.</summary>
    public static SiteRoute RouteOnExternal(ReadOnlySpan<char> path, bool hasQuery) =>
        !hasQuery && path.StartsWith("/ext/", StringComparison.Ordinal) && path.Length > 5
            ? new SiteRoute(LinkKind.External, 0)
            : SiteRoute.NotFound;

    /// <summary>The route of an absolute URL on this site, or false when the URL is not served by it.</summary>
    public bool TryRoute(Uri url, out SiteRoute route)
    {
        route = SiteRoute.NotFound;
        if (!url.IsAbsoluteUri || url.Scheme != Scheme || !IPAddress.TryParse(url.Host, out var address))
        {
            return false;
        }

        var hasQuery = url.Query.Length > 0;
        if (address.Equals(ExternalAddress) && url.Port == ExternalPort)
        {
            route = RouteOnExternal(url.AbsolutePath, hasQuery);
            return true;
        }

        if (address.Equals(HostAddress) && TryGetHost(url.Port, out var host))
        {
            route = RouteOnHost(host, url.AbsolutePath, hasQuery);
            return true;
        }

        return false;
    }

    /// <summary>Lowercase scheme and host, explicit port, no fragment: the form every URL of the site is spoken of in.</summary>
    public static string Normalize(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Normalize(uri) : url;
    }

    public static string Normalize(Uri uri) =>
        string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{uri.Host}:{uri.Port}{uri.PathAndQuery}");

    private static string Origin(IPAddress address, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{Scheme}://{address}:{port}");

    private bool TryParseId(ReadOnlySpan<char> digits, out int id)
    {
        id = 0;

        // Only the canonical spelling is a page: no sign, no leading zero, nothing after the digits.
        if (digits.IsEmpty || digits.Length > 10 || (digits[0] == '0' && digits.Length > 1))
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id < _graph.PageCount;
    }
}

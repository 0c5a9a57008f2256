using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Crawler.SyntheticSite;

/// <summary>
/// A deterministic web of <see cref="SiteOptions.Pages"/> pages over <see cref="SiteOptions.Hosts"/> loopback hosts
/// (one port each on 127.0.0.1) plus an external host on 127.0.0.2, served by one Kestrel instance.
/// All URLs it speaks of are normalized: lowercase scheme and host, explicit port, no fragment.
/// </summary>
public sealed class SyntheticWebSite : IAsyncDisposable
{
    // Stopping waits for in-flight requests; a crawler that leaves keep-alive connections open should not stall it.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly SiteLayout _layout;
    private readonly RequestCounter _counter;
    private int _disposed;

    private SyntheticWebSite(SiteOptions options, WebApplication app, SiteLayout layout, RequestCounter counter)
    {
        Options = options;
        _app = app;
        _layout = layout;
        _counter = counter;
        HostRoots = [.. layout.HostPorts.Select((_, host) => new Uri(layout.HostOrigin(host) + "/"))];
        Root = HostRoots[0];
        ExternalRoot = new Uri(layout.ExternalOrigin + "/");
    }

    /// <summary>The options the site was started with.</summary>
    public SiteOptions Options { get; }

    /// <summary>The link graph the site serves.</summary>
    public SiteGraph Graph => _layout.Graph;

    /// <summary><c>http://127.0.0.1:{port of host 0}/</c>, page 0.</summary>
    public Uri Root { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c> for each host. Only host 0 serves a page at its root; others answer 404 there.</summary>
    public IReadOnlyList<Uri> HostRoots { get; }

    /// <summary><c>http://127.0.0.2:{port}/</c>, the host a crawler confined to the site must never fetch.</summary>
    public Uri ExternalRoot { get; }

    /// <summary>The normalized URLs of the pages only host 0's <c>/sitemap.xml</c> lists (<see cref="SiteOptions.SitemapOnlyPages"/>); none link to them.</summary>
    public IReadOnlyList<string> SitemapOnlyUrls => [.. Enumerable.Range(0, Options.SitemapOnlyPages).Select(i => _layout.HostOrigin(0) + SitemapPages.PagePath(i))];

    /// <summary>Requests received on every port, the external one included.</summary>
    public long TotalRequests => _counter.Total;

    /// <summary>Requests received on the external host.</summary>
    public long ExternalRequests => _counter.External;

    /// <summary>Starts the site on ephemeral loopback ports.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are invalid.</exception>
    public static async Task<SyntheticWebSite> StartAsync(SiteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var graph = new SiteGraph(options);
        var counter = new RequestCounter();
        var handler = new SiteRequestHandler(counter, options.Latency, options.SitemapOnlyPages);

        // The empty builder reads no appsettings and no environment, so the host process cannot reshape the site.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime>(new QuietHostLifetime());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);

        // Stdout belongs to the owner (the command line prints the root URL there), so logs go to stderr.
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            for (var host = 0; host < options.Hosts; host++)
            {
                kestrel.Listen(SiteLayout.HostAddress, 0);
            }

            kestrel.Listen(SiteLayout.ExternalAddress, 0);
        });

        var app = builder.Build();
        try
        {
            app.Run(handler.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var layout = new SiteLayout(graph, HostPorts(app, out var externalPort), externalPort);
            handler.Activate(new PageRenderer(layout));
            return new SyntheticWebSite(options, app, layout, counter);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every normalized URL a breadth-first crawl from <see cref="Root"/> would record, 404s and redirects included, external URLs never.</summary>
    /// <param name="scope">Whether to stay on host 0 or cover every host of the site.</param>
    /// <param name="maxDepth">Deepest level kept, or null for no bound. A redirect's target has the redirect's depth.</param>
    public IReadOnlySet<string> Reachable(SiteScope scope, int? maxDepth = null)
    {
        var depths = Graph.Depths(scope, maxDepth);
        var urls = new HashSet<string>(depths.Count, StringComparer.Ordinal);
        foreach (var target in depths.Keys)
        {
            urls.Add(_layout.UrlOf(target));
        }

        return urls;
    }

    /// <summary>Shortest crawl depth of every normalized URL in <see cref="Reachable"/>.</summary>
    public IReadOnlyDictionary<string, int> Depths(SiteScope scope, int? maxDepth = null)
    {
        var depths = Graph.Depths(scope, maxDepth);
        var urls = new Dictionary<string, int>(depths.Count, StringComparer.Ordinal);
        foreach (var (target, depth) in depths)
        {
            urls.Add(_layout.UrlOf(target), depth);
        }

        return urls;
    }

    /// <summary>The normalized URL of a page.</summary>
    public string PageUrl(int page)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(page, Graph.PageCount);
        return _layout.PageUrl(page);
    }

    /// <summary>The normalized URL of a graph node.</summary>
    public string UrlOf(SiteTarget target) => _layout.UrlOf(target);

    /// <summary>The distinct normalized URLs a page links to, external ones included.</summary>
    public IReadOnlySet<string> TargetsOf(int page)
    {
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in Graph.LinksOf(page))
        {
            urls.Add(_layout.UrlOf(link));
        }

        return urls;
    }

    /// <summary>The status the site answers for a URL: 200, 301 or 404.</summary>
    /// <exception cref="ArgumentException">The URL is not on one of the site's hosts nor on its external host.</exception>
    public int StatusOf(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !_layout.TryRoute(uri, out var route))
        {
            throw new ArgumentException($"'{url}' is not served by this site.", nameof(url));
        }

        return route.Status;
    }

    /// <summary>How many times a URL was requested; the URL is normalized first.</summary>
    public int RequestsFor(string url) => _counter.CountOf(SiteLayout.Normalize(url));

    /// <summary>Stops the server, aborting requests still running after a short grace.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var grace = new CancellationTokenSource(StopGrace))
        {
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static int[] HostPorts(WebApplication app, out int externalPort)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var hostPorts = new List<int>();
        externalPort = -1;

        // Addresses come in the order the endpoints were declared; the hosts take their indices from that order.
        foreach (var address in addresses)
        {
            var uri = new Uri(address);
            if (IPAddress.TryParse(uri.Host, out var ip) && ip.Equals(SiteLayout.ExternalAddress))
            {
                externalPort = uri.Port;
            }
            else
            {
                hostPorts.Add(uri.Port);
            }
        }

        if (externalPort < 0)
        {
            throw new InvalidOperationException("Kestrel did not report the external host's address.");
        }

        return [.. hostPorts];
    }
}

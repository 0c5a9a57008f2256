using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Crawler.SyntheticSite;

/// <summary>The one request delegate behind every port: counts the request, waits the latency, answers.</summary>
internal sealed class SiteRequestHandler
{
    private const string HtmlContentType = "text/html; charset=utf-8";

    private static readonly byte[] NotFoundBody = Encoding.UTF8.GetBytes(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Not found</title>\n</head>\n"
        + "<body>\n<h1>404 Not Found</h1>\n<p>Nothing lives here.</p>\n</body>\n</html>\n");

    private static readonly byte[] ExternalBody = Encoding.UTF8.GetBytes(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>External</title>\n</head>\n"
        + "<body>\n<h1>External</h1>\n<p>A page outside the site.</p>\n</body>\n</html>\n");

    private readonly RequestCounter _counter;
    private readonly TimeSpan _latency;
    private readonly int _sitemapOnlyPages;
    private volatile PageRenderer? _renderer;

    public SiteRequestHandler(RequestCounter counter, TimeSpan latency, int sitemapOnlyPages = 0)
    {
        _counter = counter;
        _latency = latency;
        _sitemapOnlyPages = sitemapOnlyPages;
    }

    /// <summary>Ports are known only once Kestrel has bound them, so the content arrives after start.</summary>
    public void Activate(PageRenderer renderer) => _renderer = renderer;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var connection = context.Connection;
        var path = request.Path.HasValue ? request.Path.Value : "/";
        var query = request.QueryString.HasValue ? request.QueryString.Value! : string.Empty;
        var localAddress = connection.LocalIpAddress;
        var isExternal = SiteLayout.ExternalAddress.Equals(localAddress);
        var renderer = _renderer;

        var host = -1;
        string origin;
        if (renderer is not null && isExternal && connection.LocalPort == renderer.Layout.ExternalPort)
        {
            origin = renderer.Layout.ExternalOrigin;
        }
        else if (renderer is not null && !isExternal && renderer.Layout.TryGetHost(connection.LocalPort, out host))
        {
            origin = renderer.Layout.HostOrigin(host);
        }
        else
        {
            origin = string.Create(
                CultureInfo.InvariantCulture,
                $"{SiteLayout.Scheme}://{localAddress}:{connection.LocalPort}");
        }

        _counter.Count(origin + request.Path.ToUriComponent() + query, isExternal);

        if (_latency > TimeSpan.Zero)
        {
            // An aborted request ends the wait early; there is then nobody left to answer.
            await Task.Delay(_latency, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        var response = context.Response;
        if (renderer is null)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (host == 0 && _sitemapOnlyPages > 0 && SitemapPages.TryServe(path, query.Length > 0, renderer.Layout.HostOrigin(0), _sitemapOnlyPages) is var (contentType, body))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var route = isExternal
            ? SiteLayout.RouteOnExternal(path, query.Length > 0)
            : host >= 0 ? renderer.Layout.RouteOnHost(host, path, query.Length > 0) : SiteRoute.NotFound;

        switch (route.Kind)
        {
            case LinkKind.Page:
                await WriteAsync(context, StatusCodes.Status200OK, renderer.GetPage(route.Page)).ConfigureAwait(false);
                break;
            case LinkKind.External:
                await WriteAsync(context, StatusCodes.Status200OK, ExternalBody).ConfigureAwait(false);
                break;
            case LinkKind.Redirect:
                response.StatusCode = StatusCodes.Status301MovedPermanently;
                response.Headers.Location = SiteLayout.PagePath(route.Page);
                response.ContentLength = 0;
                break;
            default:
                await WriteAsync(context, StatusCodes.Status404NotFound, NotFoundBody).ConfigureAwait(false);
                break;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = HtmlContentType;
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}

using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Crawler.SyntheticSite.Hostile;

/// <summary>The paths Kestrel can serve itself, misbehaving within HTTP: bombs, loops, traps, errors and odd bodies.</summary>
internal sealed class HostileRequestHandler(HostileOptions options, byte[] gzipBomb, byte[] gzipBombNested, CancellationToken stopping)
{
    private const string Html = "text/html";
    private const string HtmlUtf8 = "text/html; charset=utf-8";

    private static readonly byte[] EndlessChunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<p>and on and on</p>\n", 3000)));

    private int _flakyRequests;

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;

        // One request per connection, so the connection middleware sees, and can hijack, every request line.
        response.Headers.Connection = "close";
        var path = context.Request.Path.Value ?? HostilePaths.Root;
        switch (path)
        {
            case HostilePaths.Root:
                await WriteAsync(response, 200, HtmlUtf8, HostilePages.Root).ConfigureAwait(false);
                break;
            case HostilePaths.Endless:
                await EndlessAsync(context).ConfigureAwait(false);
                break;
            case HostilePaths.GzipBomb:
                response.Headers.ContentEncoding = "gzip";
                await WriteAsync(response, 200, HtmlUtf8, gzipBomb).ConfigureAwait(false);
                break;
            case HostilePaths.GzipBombNested:
                response.Headers.ContentEncoding = "gzip, gzip";
                await WriteAsync(response, 200, HtmlUtf8, gzipBombNested).ConfigureAwait(false);
                break;
            case HostilePaths.RedirectLoopA:
                Redirect(response, HostilePaths.RedirectLoopB);
                break;
            case HostilePaths.RedirectLoopB:
                Redirect(response, HostilePaths.RedirectLoopA);
                break;
            case HostilePaths.TooManyRequests:
                response.Headers.RetryAfter = HostilePaths.TooManyRequestsRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await WriteAsync(response, 429, HtmlUtf8, HostilePages.Message("Too many requests", "Slow down.")).ConfigureAwait(false);
                break;
            case HostilePaths.ServiceUnavailable:
                // An HTTP-date has whole seconds, so the wait it gives is up to a second less than the one meant.
                response.Headers.RetryAfter = (options.TimeProvider.GetUtcNow() + HostilePaths.ServiceUnavailableRetryAfter).ToString("R", CultureInfo.InvariantCulture);
                await WriteAsync(response, 503, HtmlUtf8, HostilePages.Message("Unavailable", "Come back later.")).ConfigureAwait(false);
                break;
            case HostilePaths.Robots:
                await RobotsAsync(context).ConfigureAwait(false);
                break;
            case HostilePaths.TooManyRequestsStorm:
                await WriteAsync(response, 200, HtmlUtf8, HostilePages.TooManyRequestsStorm).ConfigureAwait(false);
                break;
            case HostilePaths.Ssrf:
                await WriteAsync(response, 200, HtmlUtf8, HostilePages.Ssrf).ConfigureAwait(false);
                break;
            case HostilePaths.SitemapIndex:
                await WriteAsync(response, 200, "application/gzip", HostilePages.SitemapIndex(OriginOf(context))).ConfigureAwait(false);
                break;
            case HostilePaths.SitemapXmlGzip:
                await WriteAsync(response, 200, "application/gzip", HostilePages.SitemapXmlGzip(OriginOf(context))).ConfigureAwait(false);
                break;
            case HostilePaths.SitemapText:
                await WriteAsync(response, 200, "text/plain; charset=utf-8", HostilePages.SitemapText(OriginOf(context))).ConfigureAwait(false);
                break;
            case HostilePaths.PrivateSecret:
                await WriteAsync(response, 200, HtmlUtf8, HostilePages.PrivateSecret).ConfigureAwait(false);
                break;
            case HostilePaths.InvalidUtf8:
                await WriteAsync(response, 200, HtmlUtf8, HostilePages.InvalidUtf8).ConfigureAwait(false);
                break;
            case HostilePaths.BrokenHtml:
                await WriteAsync(response, 200, HtmlUtf8, HostilePages.BrokenHtml).ConfigureAwait(false);
                break;
            case HostilePaths.ManyLinks:
                await WriteAsync(response, 200, HtmlUtf8, HostilePages.ManyLinks.Value).ConfigureAwait(false);
                break;
            case HostilePaths.InternalError:
                await WriteAsync(response, 500, HtmlUtf8, HostilePages.Message("Internal error", "Always.")).ConfigureAwait(false);
                break;
            case HostilePaths.Flaky:
                var failing = Interlocked.Increment(ref _flakyRequests) <= HostilePaths.FlakyFailures;
                await WriteAsync(response, failing ? 500 : 200, HtmlUtf8, failing ? HostilePages.Message("Flaky", "Not yet.") : HostilePages.Flaky).ConfigureAwait(false);
                break;
            case HostilePaths.CharsetMeta:
                // No charset in the header: only the meta tag tells.
                await WriteAsync(response, 200, Html, HostilePages.CharsetMeta).ConfigureAwait(false);
                break;
            case HostilePaths.Binary:
                await WriteAsync(response, 200, "application/octet-stream", HostilePages.Binary).ConfigureAwait(false);
                break;
            default:
                await RouteByPrefixAsync(response, path).ConfigureAwait(false);
                break;
        }
    }

    private static async Task RouteByPrefixAsync(HttpResponse response, string path)
    {
        if (path.StartsWith(HostilePaths.TooManyRedirectsPrefix, StringComparison.Ordinal)
            && int.TryParse(path.AsSpan(HostilePaths.TooManyRedirectsPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var hop)
            && hop < int.MaxValue)
        {
            Redirect(response, HostilePaths.TooManyRedirects(hop + 1));
        }
        else if (TryParseMonth(path, out var year, out var month))
        {
            await WriteAsync(response, 200, HtmlUtf8, HostilePages.Calendar(year, month)).ConfigureAwait(false);
        }
        else if (path.StartsWith(HostilePaths.ManyLinks + "/", StringComparison.Ordinal))
        {
            await WriteAsync(response, 200, HtmlUtf8, HostilePages.ManyLinksTarget).ConfigureAwait(false);
        }
        else if (path.StartsWith(HostilePaths.RelativeTrap, StringComparison.Ordinal))
        {
            await WriteAsync(response, 200, HtmlUtf8, HostilePages.RelativeTrap).ConfigureAwait(false);
        }
        else if (path.StartsWith(HostilePaths.FromSitemapPrefix, StringComparison.Ordinal)
            && int.TryParse(path.AsSpan(HostilePaths.FromSitemapPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            && page < HostilePaths.FromSitemapCount)
        {
            await WriteAsync(response, 200, HtmlUtf8, HostilePages.FromSitemap).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(response, 404, HtmlUtf8, HostilePages.Message("Not found", "Nothing here.")).ConfigureAwait(false);
        }
    }

    private static bool TryParseMonth(string path, out int year, out int month)
    {
        year = 0;
        month = 0;
        if (!path.StartsWith(HostilePaths.CalendarPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = path[HostilePaths.CalendarPrefix.Length..].Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out month)
            && year is >= 1 and <= 9999
            && month is >= 1 and <= 12;
    }

    private static string OriginOf(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private async Task RobotsAsync(HttpContext context)
    {
        var response = context.Response;
        switch (options.Robots)
        {
            case RobotsBehavior.WithSitemaps:
                await WriteAsync(response, 200, "text/plain", HostilePages.RobotsWithSitemaps(OriginOf(context))).ConfigureAwait(false);
                break;
            case RobotsBehavior.Status500:
                await WriteAsync(response, 500, "text/plain", "robots.txt is broken\n"u8.ToArray()).ConfigureAwait(false);
                break;
            case RobotsBehavior.DisallowPrivate:
                await WriteAsync(response, 200, "text/plain", HostilePages.RobotsDisallowPrivate).ConfigureAwait(false);
                break;
            default:
                // Unreachable never gets here: the connection middleware closes the connection first.
                await WriteAsync(response, 200, "text/plain", HostilePages.RobotsAllowAll).ConfigureAwait(false);
                break;
        }
    }

    private async Task EndlessAsync(HttpContext context)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = HtmlUtf8;
        try
        {
            await response.Body.WriteAsync("<!DOCTYPE html><html><head><title>Endless</title></head><body>\n"u8.ToArray(), ending.Token).ConfigureAwait(false);

            // Ends when the client goes away or the server stops; never on its own.
            while (!ending.Token.IsCancellationRequested)
            {
                await response.Body.WriteAsync(EndlessChunk, ending.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client left or the server is stopping.
        }
    }

    private static void Redirect(HttpResponse response, string location)
    {
        response.StatusCode = 302;
        response.Headers[HeaderNames.Location] = location;
    }

    private static async Task WriteAsync(HttpResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }
}

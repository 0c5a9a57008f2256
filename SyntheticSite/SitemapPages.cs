using System.Globalization;
using System.Text;

namespace Crawler.SyntheticSite;

/// <summary>
/// Host 0's <c>/sitemap.xml</c> and the pages only it lists, served when <see cref="SiteOptions.SitemapOnlyPages"/>
/// is set. The sitemap also lists the root, so a crawl seeded from it meets a duplicate.
/// </summary>
internal static class SitemapPages
{
    public const string SitemapPath = "/sitemap.xml";
    public const string PagePrefix = "/sitemap-only/";

    private static readonly byte[] PageBody = Encoding.UTF8.GetBytes(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Sitemap only</title>\n</head>\n"
        + "<body>\n<h1>Sitemap only</h1>\n<p>No page links here; the sitemap lists it.</p>\n<a href=\"/\">home</a>\n</body>\n</html>\n");

    public static string PagePath(int page) => PagePrefix + page.ToString(CultureInfo.InvariantCulture);

    /// <summary>The content type and body of the sitemap or one of its pages, or null when the path is neither.</summary>
    public static (string ContentType, byte[] Body)? TryServe(string path, bool hasQuery, string origin, int pages)
    {
        if (hasQuery)
        {
            return null;
        }

        if (path == SitemapPath)
        {
            return ("application/xml", Sitemap(origin, pages));
        }

        return path.StartsWith(PagePrefix, StringComparison.Ordinal)
            && int.TryParse(path.AsSpan(PagePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            && page < pages
            && PagePath(page) == path
            ? ("text/html; charset=utf-8", PageBody)
            : null;
    }

    private static byte[] Sitemap(string origin, int pages)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        xml.Append(CultureInfo.InvariantCulture, $"<url><loc>{origin}/</loc></url>\n");
        for (var page = 0; page < pages; page++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<url><loc>{origin}{PagePath(page)}</loc></url>\n");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</urlset>\n").ToString());
    }
}

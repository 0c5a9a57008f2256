using System.Globalization;
using System.Text;

namespace Crawler.Bench.Site;

/// <summary>
/// An endless site for the frontier row: one page, served by nginx for every path, with links "0/" to "{n-1}/". Each
/// is relative, so the page at /t/5/ links to /t/5/0/ ... /t/5/{n-1}/: every page fetched discovers n URLs no other
/// page links to, and fetching k pages puts about k × n URLs in the frontier.
/// </summary>
public static class FrontierSite
{
    public const string PagePath = "/frontier.html";

    public const string SeedPath = "/t/";

    /// <summary>Writes the page under <paramref name="root"/>; returns its size in bytes.</summary>
    public static int Generate(string root, int linksPerPage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linksPerPage, 1);
        Directory.CreateDirectory(root);
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Frontier</title></head>\n<body>\n");
        for (var link = 0; link < linksPerPage; link++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{link}/\">branch {link}</a>\n");
        }

        html.Append("</body></html>\n");
        var text = html.ToString();
        File.WriteAllText(Path.Combine(root, PagePath.TrimStart('/')), text);
        return Encoding.UTF8.GetByteCount(text);
    }
}

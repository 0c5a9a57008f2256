using System.Globalization;
using System.Text;

namespace Crawler.Bench.Micro;

/// <summary>
/// The inputs of the micro-benchmarks, made deterministically: pages shaped like the static site's (10 KB, 30 links in
/// several spellings) and the hrefs a crawler meets (relative, absolute, dot segments, queries, fragments, escapes).
/// </summary>
public static class MicroCorpus
{
    public static readonly Uri PageUrl = new("http://127.0.0.1:8080/p/dir/page.html");

    private static readonly string[] Words = ["lorem ", "ipsum ", "dolor ", "sit ", "amet ", "crawl "];

    public static IReadOnlyList<string> Hrefs { get; } =
    [
        "/p/123.html", "124.html", "../p/125.html#top", "./a/./b/../c.html", "http://127.0.0.1:8080/p/126.html",
        "HTTP://Example.COM:80/%7Euser/index.html?b=2&a=1", "?page=3&sort=asc", "//cdn.example.org/x/y.css",
        "/search?q=caf%C3%A9+au+lait&lang=fr", "https://example.org/a%2fb/c?x=%zz", "page.html#section-4",
        "/deep/path/with/many/segments/index.html", "mailto:someone@example.org", "/a b/c d.html", "../../../up.html",
    ];

    public static string Page(int seed)
    {
        var random = new Random(seed);
        var html = new StringBuilder(12 * 1024);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Benchmark page</title>");
        html.Append("<link rel=\"canonical\" href=\"/p/dir/page.html\"></head><body><h1>Benchmark page</h1>\n");
        var links = 0;
        while (html.Length < 10 * 1024)
        {
            html.Append("<p>");
            for (var word = random.Next(30, 60); word > 0; word--)
            {
                html.Append(Words[random.Next(Words.Length)]);
            }

            if (links++ < 30)
            {
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Hrefs[random.Next(Hrefs.Count)]}\" class=\"l\">link {links}</a>");
            }

            html.Append("</p>\n");
        }

        html.Append("</body></html>");
        return html.ToString();
    }
}

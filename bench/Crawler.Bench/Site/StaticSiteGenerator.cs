using System.Globalization;
using System.Text;

namespace Crawler.Bench.Site;

/// <summary>
/// Writes the benchmark's static site to disk: pages of 8-12 KB with 20-40 links each, in several spellings
/// (absolute path, relative, with a fragment), about 3% to pages that do not exist (404s) and 3% to an external
/// host that a host-scoped crawl does not follow. Page i always links to page i+1, so every page is reachable from
/// page 0. Deterministic for a given seed, so runs compare.
/// </summary>
public static class StaticSiteGenerator
{
    private static readonly string[] Words =
    [
        "crawler", "grain", "silo", "partition", "lease", "epoch", "mailbox", "host", "robots", "politeness",
        "latency", "throughput", "frontier", "sitemap", "canonical", "redirect", "charset", "archive", "record",
        "the", "a", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "by", "at", "from",
    ];

    public static StaticSite Generate(string root, int pages, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 2);
        var directory = Path.Combine(root, "p");
        Directory.CreateDirectory(directory);
        var missingSpace = Math.Max(1, pages / 100);
        var missing = new HashSet<int>();
        long bytes = 0;
        var builder = new StringBuilder(16 * 1024);
        for (var i = 0; i < pages; i++)
        {
            var random = new Random(unchecked((seed * 1_000_003) + i));
            builder.Clear();
            WritePage(builder, i, pages, missingSpace, missing, random);
            var text = builder.ToString();
            File.WriteAllText(Path.Combine(directory, $"{i}.html"), text);
            bytes += Encoding.UTF8.GetByteCount(text);
        }

        return new StaticSite(root, pages, missing, bytes);
    }

    private static void WritePage(StringBuilder html, int page, int pages, int missingSpace, HashSet<int> missing, Random random)
    {
        var size = random.Next(8 * 1024, 12 * 1024 + 1);
        var links = random.Next(20, 41);
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page {page}</title></head>\n<body>\n<h1>Page {page}</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<nav><a href=\"/p/{(page + 1) % pages}.html\">next</a></nav>\n");
        var linksLeft = links - 1;
        while (html.Length < size - 40 || linksLeft > 0)
        {
            html.Append("<p>");
            for (var word = random.Next(30, 80); word > 0; word--)
            {
                html.Append(Words[random.Next(Words.Length)]).Append(' ');
            }

            if (linksLeft > 0)
            {
                AppendLink(html, page, pages, missingSpace, missing, random);
                linksLeft--;
                if (linksLeft > 0 && random.Next(2) == 0)
                {
                    AppendLink(html, page, pages, missingSpace, missing, random);
                    linksLeft--;
                }
            }

            html.Append("</p>\n");
        }

        html.Append("</body></html>\n");
    }

    private static void AppendLink(StringBuilder html, int page, int pages, int missingSpace, HashSet<int> missing, Random random)
    {
        var kind = random.Next(100);
        string href;
        if (kind < 3)
        {
            var target = random.Next(missingSpace);
            missing.Add(target);
            href = $"/missing/{target}.html";
        }
        else if (kind < 6)
        {
            href = $"http://127.0.0.2:9/ext/{random.Next(1000)}.html";
        }
        else
        {
            var target = random.Next(pages);
            href = (kind % 10) switch
            {
                < 6 => $"/p/{target}.html",
                < 9 => $"{target}.html",
                _ => $"/p/{target}.html#s{random.Next(5)}",
            };
        }

        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{href}\">link from {page}</a> ");
    }
}

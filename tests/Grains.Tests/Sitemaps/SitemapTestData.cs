using System.IO.Compression;
using System.Text;
using Crawler.Grains.Sitemaps;

namespace Crawler.Grains.Tests.Sitemaps;

/// <summary>Builds sitemap files for tests.</summary>
internal static class SitemapTestData
{
    public const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static SitemapContent Parse(string content) => Parse(Encoding.UTF8.GetBytes(content));

    public static SitemapContent Parse(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return SitemapParser.Parse(stream);
    }

    public static string UrlSet(params string[] locs) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{SitemapNamespace}\">\n"
        + string.Concat(locs.Select(loc => $"  <url><loc>{loc}</loc><lastmod>2024-01-01</lastmod></url>\n"))
        + "</urlset>\n";

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>Compresses <paramref name="head"/> followed by <paramref name="fillerBytes"/> copies of <paramref name="filler"/>.</summary>
    public static byte[] GzipWithFiller(byte[] head, byte filler, long fillerBytes)
    {
        var block = new byte[1024 * 1024];
        Array.Fill(block, filler);
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(head);
            for (var written = 0L; written < fillerBytes; written += block.Length)
            {
                gzip.Write(block, 0, (int)Math.Min(block.Length, fillerBytes - written));
            }
        }

        return output.ToArray();
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Crawler.SyntheticSite.Hostile;

/// <summary>The bodies of the hostile server's pages; the fixed ones are built once.</summary>
internal static class HostilePages
{
    public static readonly byte[] Root = Utf8Page(
        "Hostile server",
        string.Concat(
            new[]
            {
                HostilePaths.SlowHeaders, HostilePaths.Endless, HostilePaths.LyingLength, HostilePaths.GzipBomb,
                HostilePaths.GzipBombNested, HostilePaths.RedirectLoopA, HostilePaths.TooManyRedirects(0),
                HostilePaths.TooManyRequests, HostilePaths.ServiceUnavailable, HostilePaths.Robots, HostilePaths.PrivateSecret,
                HostilePaths.ResetMidBody, HostilePaths.InvalidUtf8, HostilePaths.BrokenHtml, HostilePaths.ManyLinks,
                HostilePaths.Calendar(2024, 1), HostilePaths.InternalError, HostilePaths.Flaky, HostilePaths.CharsetMeta,
                HostilePaths.Binary,
            }.Select(path => $"<li><a href=\"{path}\">{path}</a></li>\n")));

    public static readonly byte[] PrivateSecret = Utf8Page("Secret", "<p>A page robots.txt may forbid.</p>");

    public static readonly byte[] Flaky = Utf8Page("Flaky", "<p>Fine, at last.</p>");

    public static readonly byte[] ManyLinksTarget = Utf8Page("Many links target", "<p>One of very many.</p>");

    /// <summary>Overlong encodings, lone continuation bytes, truncated sequences and bytes never valid in UTF-8.</summary>
    public static readonly byte[] InvalidUtf8 =
    [
        .. "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Invalid "u8, 0xC3, 0x28, .. " UTF-8</title></head>\n<body>\n<p>"u8,
        0xFF, 0xFE, 0x80, 0xBF, 0xC0, 0xAF, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xED, 0xA0, 0x80,
        .. "</p>\n<a href=\"/broken-html\">next</a>\n</body></html>\n"u8,
    ];

    public static readonly byte[] BrokenHtml = Encoding.UTF8.GetBytes(
        "<html><head><title>Broken</title>\n<body><div><p>unclosed <b>bold <i>italic < stray <<>> 1 < 2 >\n"
        + "<table><tr><td>cell <td><a href=\"/charset-meta\">next</a>\n<div class=\"x\" id='y' <p>attributes without end\n"
        + "<!-- an unclosed comment starts here");

    /// <summary>A windows-1252 body declaring its charset only in a meta tag, the header giving none.</summary>
    public static readonly byte[] CharsetMeta =
    [
        .. "<!DOCTYPE html>\n<html><head><meta charset=\"windows-1252\"><title>"u8, .. CharsetMetaText(), .. "</title></head>\n<body><p>"u8,
        .. CharsetMetaText(), .. "</p><a href=\"/\">home</a></body></html>\n"u8,
    ];

    public static readonly byte[] Binary = BinaryBody();

    public static readonly Lazy<byte[]> ManyLinks = new(ManyLinksBody);

    public static byte[] RobotsAllowAll { get; } = "User-agent: *\nDisallow:\n"u8.ToArray();

    public static byte[] RobotsDisallowPrivate { get; } = "User-agent: *\nDisallow: /private/\n"u8.ToArray();

    public static readonly byte[] TooManyRequestsStorm = Utf8Page(
        "429 storm",
        string.Concat(Enumerable.Range(0, HostilePaths.TooManyRequestsStormSize).Select(i => $"<a href=\"{HostilePaths.TooManyRequestsStormTarget(i)}\">{i}</a>\n")));

    public static readonly byte[] Ssrf = Utf8Page(
        "Internal links",
        string.Concat(HostilePaths.SsrfTargets.Append(HostilePaths.Root).Select(url => $"<a href=\"{url}\">{url}</a>\n")));

    public static readonly byte[] RelativeTrap = Utf8Page("Deeper", "<a href=\"x/\">deeper</a>");

    public static readonly byte[] FromSitemap = Utf8Page("From the sitemap", "<p>Only a sitemap lists this page.</p><a href=\"/\">home</a>");

    /// <summary>robots.txt naming the sitemap index by its absolute URL, as the Sitemap field requires.</summary>
    public static byte[] RobotsWithSitemaps(string origin) =>
        Encoding.UTF8.GetBytes($"User-agent: *\nDisallow:\n\nSitemap: {origin}{HostilePaths.SitemapIndex}\n");

    public static byte[] SitemapIndex(string origin) => Gzip(Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        + $"<sitemap><loc>{origin}{HostilePaths.SitemapXmlGzip}</loc></sitemap>\n<sitemap><loc>{origin}{HostilePaths.SitemapText}</loc></sitemap>\n"
        + "</sitemapindex>\n"));

    public static byte[] SitemapXmlGzip(string origin) => Gzip(Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        + string.Concat(Enumerable.Range(0, HostilePaths.FromSitemapCount / 2).Select(i => $"<url><loc>{origin}{HostilePaths.FromSitemap(i)}</loc></url>\n"))
        + "</urlset>\n"));

    public static byte[] SitemapText(string origin) => Encoding.UTF8.GetBytes(
        string.Concat(Enumerable.Range(HostilePaths.FromSitemapCount / 2, HostilePaths.FromSitemapCount - (HostilePaths.FromSitemapCount / 2))
            .Select(i => $"{origin}{HostilePaths.FromSitemap(i)}\n")) + $"{origin}/\n");

    public static byte[] Calendar(int year, int month)
    {
        var previous = month == 1 ? (year - 1, 12) : (year, month - 1);
        var next = month == 12 ? (year + 1, 1) : (year, month + 1);
        var links = new StringBuilder();
        if (previous.Item1 >= 1)
        {
            links.Append(CultureInfo.InvariantCulture, $"<a href=\"{HostilePaths.Calendar(previous.Item1, previous.Item2)}\">previous month</a>\n");
        }

        if (next.Item1 <= 9999)
        {
            links.Append(CultureInfo.InvariantCulture, $"<a href=\"{HostilePaths.Calendar(next.Item1, next.Item2)}\">next month</a>\n");
        }

        return Utf8Page(string.Create(CultureInfo.InvariantCulture, $"Calendar {year:0000}-{month:00}"), links.ToString());
    }

    public static byte[] Message(string title, string text) => Utf8Page(title, $"<p>{text}</p>");

    private static byte[] Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }

    private static byte[] Utf8Page(string title, string body) => Encoding.UTF8.GetBytes(
        $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n{body}\n</body></html>\n");

    /// <summary><see cref="HostilePaths.CharsetMetaText"/> in windows-1252, written out so no code page provider is needed.</summary>
    private static byte[] CharsetMetaText()
    {
        var bytes = new List<byte>();
        foreach (var c in HostilePaths.CharsetMetaText)
        {
            bytes.Add(c switch
            {
                'é' => 0xE9,
                '“' => 0x93,
                '”' => 0x94,
                '€' => 0x80,
                < (char)0x80 => (byte)c,
                _ => throw new InvalidOperationException($"'{c}' has no windows-1252 byte here."),
            });
        }

        return [.. bytes];
    }

    private static byte[] BinaryBody()
    {
        // Deterministic noise with NUL bytes and no structure, like a real binary.
        var bytes = new byte[HostilePaths.BinaryBytes];
        new Random(1252).NextBytes(bytes);
        return bytes;
    }

    private static byte[] ManyLinksBody()
    {
        var html = new StringBuilder(HostilePaths.ManyLinksCount * 40);
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Many links</title></head>\n<body>\n");
        for (var i = 0; i < HostilePaths.ManyLinksCount; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{HostilePaths.ManyLinksTarget(i)}\">{i}</a>\n");
        }

        html.Append("</body></html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }
}

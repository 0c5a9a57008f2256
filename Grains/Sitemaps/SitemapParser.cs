using System.IO.Compression;
using System.Xml;

namespace Crawler.Grains.Sitemaps;

/// <summary>
/// Reads one sitemap file (sitemaps.org): an XML <c>urlset</c> or <c>sitemapindex</c>, or a text file of
/// one URL per line, each possibly gzip-compressed. Hostile input costs bounded work and never throws:
/// malformed data ends the read and the URLs before it are returned.
/// </summary>
public static class SitemapParser
{
    /// <summary>The sitemaps.org limit of URLs per file; the rest of a longer file is not read.</summary>
    public const int MaxUrls = 50_000;

    /// <summary>The sitemaps.org limit of a file's uncompressed size; a longer file is read up to here.</summary>
    public const long MaxUncompressedBytes = 50L * 1024 * 1024;

    // Enough to see past a byte order mark and leading blank lines to the first '<' of an XML sitemap.
    private const int SniffLength = 1024;

    private static readonly byte[] GzipMagic = [0x1F, 0x8B];
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Parses <paramref name="content"/> from its current position. Gzip is recognized by its magic bytes,
    /// not by a header or file name. The stream is read but not disposed.
    /// </summary>
    public static SitemapContent Parse(Stream content) => Parse(content, MaxUncompressedBytes);

    /// <summary>As <see cref="Parse(Stream)"/>, with a smaller cap so tests can reach it cheaply.</summary>
    internal static SitemapContent Parse(Stream content, long maxUncompressedBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        var collector = new SitemapUrlCollector();
        try
        {
            Read(content, maxUncompressedBytes, collector);
        }
        catch (Exception exception) when (exception is XmlException or InvalidDataException)
        {
            // Malformed XML or a corrupt gzip stream ends the file here; what was read before it stands.
        }

        return collector.ToContent();
    }

    private static void Read(Stream content, long maxUncompressedBytes, SitemapUrlCollector collector)
    {
        using var raw = PrefixedStream.ReadAhead(content, GzipMagic.Length, leaveOpen: true);
        Stream decompressed = raw.Prefix.SequenceEqual(GzipMagic)
            ? new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true)
            : raw;
        using var sniffed = PrefixedStream.ReadAhead(
            new CappedReadStream(decompressed, maxUncompressedBytes), SniffLength, leaveOpen: false);

        var xmlStart = XmlStart(sniffed.Prefix);
        if (xmlStart >= 0)
        {
            sniffed.Skip(xmlStart);
            SitemapXmlReader.Read(sniffed, maxUncompressedBytes, collector);
        }
        else
        {
            SitemapTextReader.Read(sniffed, collector);
        }
    }

    /// <summary>
    /// Where the XML starts, or -1 for a text sitemap. A UTF-8 byte order mark and blank lines before the
    /// first '&lt;' are skipped: they are common, and the XML reader rejects a declaration after them.
    /// A UTF-16 byte order mark means XML, left for the XML reader to decode.
    /// </summary>
    private static int XmlStart(ReadOnlySpan<byte> prefix)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return 0;
        }

        var start = prefix.StartsWith(Utf8ByteOrderMark) ? Utf8ByteOrderMark.Length : 0;
        var first = prefix[start..].IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && prefix[start + first] == '<' ? start + first : -1;
    }
}

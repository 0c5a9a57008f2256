namespace Crawler.Grains.Sitemaps;

/// <summary>Reads a text sitemap (sitemaps.org: one URL per line, UTF-8), with no line held beyond a URL's length.</summary>
internal static class SitemapTextReader
{
    private const int BufferLength = 16 * 1024;

    public static void Read(Stream stream, SitemapUrlCollector collector)
    {
        // Invalid UTF-8 becomes U+FFFD rather than an exception: one bad line costs that line only.
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferLength, leaveOpen: true);
        var buffer = new char[BufferLength];
        var line = new char[SitemapUrlCollector.MaxUrlLength];
        var lineLength = 0;
        var tooLong = false;
        int read;
        while (!collector.IsFull && (read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var rest = buffer.AsSpan(0, read);
            while (true)
            {
                var end = rest.IndexOfAny('\r', '\n');
                var part = end < 0 ? rest : rest[..end];
                if (!tooLong && lineLength + part.Length <= line.Length)
                {
                    part.CopyTo(line.AsSpan(lineLength));
                    lineLength += part.Length;
                }
                else
                {
                    tooLong = true;
                }

                if (end < 0)
                {
                    break;
                }

                if (!tooLong)
                {
                    collector.AddPage(line.AsSpan(0, lineLength));
                }

                lineLength = 0;
                tooLong = false;
                rest = rest[(end + 1)..];
            }
        }

        if (!tooLong)
        {
            collector.AddPage(line.AsSpan(0, lineLength));
        }
    }
}

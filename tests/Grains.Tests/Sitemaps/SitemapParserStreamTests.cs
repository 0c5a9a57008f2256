using System.Text;
using Crawler.Grains.Sitemaps;
using static Crawler.Grains.Tests.Sitemaps.SitemapTestData;

namespace Crawler.Grains.Tests.Sitemaps;

public sealed class SitemapParserStreamTests
{
    private const long BombBytes = 200L * 1024 * 1024;

    [Fact]
    public void Parse_GzippedUrlSet_IsDecompressed()
    {
        var content = Parse(Gzip(Encoding.UTF8.GetBytes(UrlSet("https://example.com/a", "https://example.com/b"))));

        Assert.Equal(["https://example.com/a", "https://example.com/b"], content.PageUrls);
    }

    [Fact]
    public void Parse_GzippedText_IsDecompressed()
    {
        var content = Parse(Gzip(Encoding.UTF8.GetBytes("https://example.com/a\nhttps://example.com/b\n")));

        Assert.Equal(["https://example.com/a", "https://example.com/b"], content.PageUrls);
    }

    [Fact]
    public void Parse_GzipMagicFollowedByGarbage_ReturnsNothing()
    {
        byte[] content = [0x1F, 0x8B, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09];

        Assert.Empty(Parse(content).PageUrls);
    }

    [Fact]
    public void Parse_TruncatedGzip_ReturnsWhatDecompressed()
    {
        var locs = Enumerable.Range(0, 2000).Select(i => $"https://example.com/p/{i}").ToArray();
        var gzip = Gzip(Encoding.UTF8.GetBytes(UrlSet(locs)));

        var pages = Parse(gzip[..(gzip.Length / 2)]).PageUrls;

        Assert.InRange(pages.Count, 1, locs.Length - 1);
        Assert.Equal(locs[..pages.Count], pages);
    }

    [Fact]
    public void Parse_GzipBombOfZeros_StopsAtTheCapWithoutThrowing()
    {
        var bomb = GzipWithFiller([], 0, BombBytes);
        using var stream = new MemoryStream(bomb);

        var content = SitemapParser.Parse(stream);

        Assert.Empty(content.PageUrls);
        Assert.Empty(content.SitemapUrls);
        Assert.True(stream.Position < bomb.Length / 2, $"read {stream.Position} of {bomb.Length} compressed bytes");
    }

    [Fact]
    public void Parse_CapReachedInsideAUrlSet_ReturnsTheUrlsBeforeIt()
    {
        // The real cap takes seconds of XML scanning to reach; a small one exercises the same path.
        const long Cap = 1024 * 1024;
        var head = Encoding.UTF8.GetBytes($"<urlset xmlns=\"{SitemapNamespace}\"><url><loc>https://example.com/first</loc></url>");
        var tail = Encoding.UTF8.GetBytes("<url><loc>https://example.com/beyond-the-cap</loc></url></urlset>");
        var bomb = Gzip([.. head, .. Enumerable.Repeat((byte)' ', (int)(8 * Cap)), .. tail]);
        using var stream = new MemoryStream(bomb);

        var content = SitemapParser.Parse(stream, Cap);

        Assert.Equal(["https://example.com/first"], content.PageUrls);
    }

    [Fact]
    public void Parse_PlainText_OneUrlPerLine()
    {
        const string Text = "https://example.com/a\r\n\n   https://example.com/b   \r\nnot a url\nftp://example.com/c\n\thttp://example.com/d";

        Assert.Equal(["https://example.com/a", "https://example.com/b", "http://example.com/d"], Parse(Text).PageUrls);
    }

    [Fact]
    public void Parse_PlainTextWithByteOrderMark_ReadsTheFirstLine()
    {
        Assert.Equal(["https://example.com/a"], Parse("\uFEFFhttps://example.com/a\n").PageUrls);
    }

    [Fact]
    public void Parse_PlainTextLineTooLong_IsSkippedAndTheNextKept()
    {
        var text = "https://example.com/" + new string('a', 1_000_000) + "\nhttps://example.com/next\n";

        Assert.Equal(["https://example.com/next"], Parse(text).PageUrls);
    }

    [Fact]
    public void Parse_PlainTextMoreThanMaxUrls_KeepsTheFirstMaxUrls()
    {
        var text = string.Join('\n', Enumerable.Range(0, SitemapParser.MaxUrls + 5).Select(i => $"https://example.com/p/{i}"));

        var pages = Parse(text).PageUrls;

        Assert.Equal(SitemapParser.MaxUrls, pages.Count);
        Assert.Equal($"https://example.com/p/{SitemapParser.MaxUrls - 1}", pages[^1]);
    }

    [Fact]
    public void Parse_Empty_ReturnsNothing()
    {
        var content = Parse([]);

        Assert.Empty(content.PageUrls);
        Assert.Empty(content.SitemapUrls);
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SitemapParser.Parse(null!));
    }

    [Fact]
    public void Parse_Stream_IsLeftOpen()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(UrlSet("https://example.com/a")));

        SitemapParser.Parse(stream);

        Assert.True(stream.CanRead);
    }
}

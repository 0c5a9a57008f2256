using System.Text;
using Crawler.Grains.Sitemaps;
using static Crawler.Grains.Tests.Sitemaps.SitemapTestData;

namespace Crawler.Grains.Tests.Sitemaps;

public sealed class SitemapParserXmlTests
{
    [Fact]
    public void Parse_UrlSet_ListsPagesInOrder()
    {
        var content = Parse(UrlSet("https://example.com/", "https://example.com/a?x=1", "http://example.com/b"));

        Assert.Equal(["https://example.com/", "https://example.com/a?x=1", "http://example.com/b"], content.PageUrls);
        Assert.Empty(content.SitemapUrls);
    }

    [Fact]
    public void Parse_SitemapIndex_ListsSitemaps()
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="{SitemapNamespace}">
              <sitemap><loc>https://example.com/sitemap1.xml.gz</loc><lastmod>2024-01-01</lastmod></sitemap>
              <sitemap><lastmod>2024-01-02</lastmod><loc>https://example.com/sitemap2.xml</loc></sitemap>
            </sitemapindex>
            """;

        var content = Parse(xml);

        Assert.Equal(["https://example.com/sitemap1.xml.gz", "https://example.com/sitemap2.xml"], content.SitemapUrls);
        Assert.Empty(content.PageUrls);
    }

    [Theory]
    [InlineData("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://example.com/a</loc></url></urlset>")]
    [InlineData("<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sm:url><sm:loc>https://example.com/a</sm:loc></sm:url></sm:urlset>")]
    [InlineData("<urlset><url><loc>https://example.com/a</loc></url></urlset>")]
    [InlineData("<urlset xmlns=\"http://www.google.com/schemas/sitemap/0.84\"><url><loc>https://example.com/a</loc></url></urlset>")]
    public void Parse_NamespaceWithOrWithoutPrefix_IsRead(string xml)
    {
        Assert.Equal(["https://example.com/a"], Parse(xml).PageUrls);
    }

    [Fact]
    public void Parse_ExtensionElements_AreNotPages()
    {
        var xml = $"""
            <urlset xmlns="{SitemapNamespace}" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
                    xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:other="urn:other">
              <url>
                <loc>https://example.com/page</loc>
                <image:image><image:loc>https://example.com/photo.jpg</image:loc></image:image>
                <xhtml:link rel="alternate" hreflang="de" href="https://example.com/de/page"/>
                <other:loc>https://example.com/other-namespace</other:loc>
              </url>
              <loc>https://example.com/loc-outside-url</loc>
              <sitemap><loc>https://example.com/sitemap-in-a-urlset.xml</loc></sitemap>
            </urlset>
            """;

        var content = Parse(xml);

        Assert.Equal(["https://example.com/page"], content.PageUrls);
        Assert.Empty(content.SitemapUrls);
    }

    [Fact]
    public void Parse_LocWithWhitespaceEntitiesAndCdata_IsTrimmedAndDecoded()
    {
        var xml = UrlSet(
            "\n      https://example.com/a?x=1&amp;y=2\n    ",
            "<![CDATA[ https://example.com/b?x=1&y=2 ]]>",
            "https://example.com/<!-- comment -->c");

        Assert.Equal(
            ["https://example.com/a?x=1&y=2", "https://example.com/b?x=1&y=2", "https://example.com/c"],
            Parse(xml).PageUrls);
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/page")]
    [InlineData("relative")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("http://")]
    [InlineData("")]
    public void Parse_LocNotAbsoluteHttp_IsSkipped(string loc)
    {
        Assert.Equal(["https://example.com/ok"], Parse(UrlSet(loc, "https://example.com/ok")).PageUrls);
    }

    [Fact]
    public void Parse_LocTooLongForAUrl_IsSkippedAndTheNextKept()
    {
        var huge = "https://example.com/" + new string('a', 100_000);

        Assert.Equal(["https://example.com/next"], Parse(UrlSet(huge, "https://example.com/next")).PageUrls);
    }

    [Theory]
    [InlineData("<urlset><url><loc>https://example.com/1</loc></url><url><loc>https://example.com/2</loc></url><url><loc>https://exa")]
    [InlineData("<urlset><url><loc>https://example.com/1</loc></url><url><loc>https://example.com/2</loc></url><url><</url></urlset>")]
    [InlineData("<urlset><url><loc>https://example.com/1</loc></url><url><loc>https://example.com/2</loc></url></urlset><urlset>")]
    [InlineData("<urlset><url><loc>https://example.com/1</loc></url><url><loc>https://example.com/2</loc></url><url><loc>&bogus;</loc></url></urlset>")]
    [InlineData("<urlset><url><loc>https://example.com/1</loc></url><url><loc>https://example.com/2</loc></url></wrong>")]
    public void Parse_MalformedXml_ReturnsWhatCameBefore(string xml)
    {
        Assert.Equal(["https://example.com/1", "https://example.com/2"], Parse(xml).PageUrls);
    }

    [Fact]
    public void Parse_InvalidUtf8_ReturnsWhatCameBefore()
    {
        var head = Encoding.UTF8.GetBytes("<urlset><url><loc>https://example.com/1</loc></url><url><loc>https://example.com/");
        var tail = Encoding.UTF8.GetBytes("</loc></url></urlset>");
        byte[] content = [.. head, 0xC3, 0x28, 0xFF, .. tail];

        Assert.Equal(["https://example.com/1"], Parse(content).PageUrls);
    }

    [Fact]
    public void Parse_UnsupportedDeclaredEncoding_DoesNotThrow()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"x-no-such-encoding\"?><urlset><url><loc>https://example.com/1</loc></url></urlset>";

        Assert.Empty(Parse(xml).PageUrls);
    }

    [Fact]
    public void Parse_ExternalEntity_IsNeitherResolvedNorThrown()
    {
        var secret = Path.GetTempFileName();
        try
        {
            File.WriteAllText(secret, "https://example.com/leaked-secret");
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE urlset [ <!ENTITY xxe SYSTEM "{new Uri(secret).AbsoluteUri}"> ]>
                <urlset><url><loc>&xxe;</loc></url><url><loc>https://example.com/after</loc></url></urlset>
                """;

            var content = Parse(xml);

            Assert.DoesNotContain(content.PageUrls, url => url.Contains("leaked-secret", StringComparison.Ordinal));
            Assert.Empty(content.PageUrls);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Parse_EntityExpansionBomb_IsNotExpanded()
    {
        const string Xml = """
            <?xml version="1.0"?>
            <!DOCTYPE urlset [
              <!ENTITY a "https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
            ]>
            <urlset><url><loc>&d;</loc></url></urlset>
            """;

        Assert.Empty(Parse(Xml).PageUrls);
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel><item><link>https://example.com/a</link></item></channel></rss>")]
    [InlineData("<html><body><a href=\"https://example.com/a\">a</a></body></html>")]
    [InlineData("<urlset/>")]
    [InlineData("<?xml version=\"1.0\"?>")]
    public void Parse_NoEntries_ReturnsNothing(string xml)
    {
        var content = Parse(xml);

        Assert.Empty(content.PageUrls);
        Assert.Empty(content.SitemapUrls);
    }

    [Theory]
    [InlineData("\n\n")]
    [InlineData("\uFEFF")]
    [InlineData("\uFEFF  \r\n")]
    public void Parse_ByteOrderMarkOrBlankLinesBeforeTheDeclaration_AreSkipped(string before)
    {
        Assert.Equal(["https://example.com/a"], Parse(before + UrlSet("https://example.com/a")).PageUrls);
    }

    [Fact]
    public void Parse_Utf16Document_IsDecoded()
    {
        var content = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(UrlSet("https://example.com/a").Replace("UTF-8", "UTF-16", StringComparison.Ordinal))).ToArray();

        Assert.Equal(["https://example.com/a"], Parse(content).PageUrls);
    }

    [Fact]
    public void Parse_MoreThanMaxUrls_KeepsTheFirstMaxUrls()
    {
        var locs = Enumerable.Range(0, SitemapParser.MaxUrls + 10).Select(i => $"https://example.com/p/{i}").ToArray();

        var pages = Parse(UrlSet(locs)).PageUrls;

        Assert.Equal(SitemapParser.MaxUrls, pages.Count);
        Assert.Equal("https://example.com/p/0", pages[0]);
        Assert.Equal($"https://example.com/p/{SitemapParser.MaxUrls - 1}", pages[^1]);
    }

    [Fact]
    public void Parse_MoreThanMaxSitemaps_KeepsTheFirstMaxUrls()
    {
        var xml = "<sitemapindex>"
            + string.Concat(Enumerable.Range(0, SitemapParser.MaxUrls + 1).Select(i => $"<sitemap><loc>https://example.com/s/{i}.xml</loc></sitemap>"))
            + "</sitemapindex>";

        Assert.Equal(SitemapParser.MaxUrls, Parse(xml).SitemapUrls.Count);
    }
}

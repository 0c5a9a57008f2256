using static Crawler.Grains.Tests.Robots.RobotsTestText;

namespace Crawler.Grains.Tests.Robots;

public sealed class RobotsTxtSitemapTests
{
    [Fact]
    public void Sitemaps_LinesAnywhereInTheFile_AreCollectedInOrder()
    {
        const string Robots = """
            Sitemap: https://example.com/before-groups.xml
            User-agent: *
            Sitemap: https://example.com/in-group.xml
            Disallow: /private

            User-agent: OtherBot
            Disallow: /
            sitemap: http://example.com/at-the-end.xml.gz
            """;

        Assert.Equal(
            ["https://example.com/before-groups.xml", "https://example.com/in-group.xml", "http://example.com/at-the-end.xml.gz"],
            Parse(Robots).Sitemaps);
    }

    [Theory]
    [InlineData("SITEMAP: https://example.com/s.xml")]
    [InlineData("Site-map: https://example.com/s.xml")]
    [InlineData("  sitemap :   https://example.com/s.xml   # the main one")]
    [InlineData("sitemap https://example.com/s.xml")]
    public void Sitemaps_SpellingsOfTheLine_AreRead(string line)
    {
        Assert.Equal(["https://example.com/s.xml"], Parse(line).Sitemaps);
    }

    [Fact]
    public void Sitemaps_UrlWithColonsAndQuery_IsKeptWhole()
    {
        const string Url = "https://example.com:8443/sitemaps/index.xml?section=a:b&page=2";

        Assert.Equal([Url], Parse($"Sitemap: {Url}\n").Sitemaps);
    }

    [Theory]
    [InlineData("Sitemap: /sitemap.xml")]
    [InlineData("Sitemap: sitemap.xml")]
    [InlineData("Sitemap: ftp://example.com/sitemap.xml")]
    [InlineData("Sitemap: javascript:alert(1)")]
    [InlineData("Sitemap:")]
    public void Sitemaps_NotAnAbsoluteHttpUrl_IsSkipped(string line)
    {
        Assert.Equal(["https://example.com/ok.xml"], Parse(line + "\nSitemap: https://example.com/ok.xml\n").Sitemaps);
    }

    [Fact]
    public void Sitemaps_RepeatedUrl_IsListedOnce()
    {
        const string Robots = "Sitemap: https://example.com/a.xml\nSitemap: https://example.com/b.xml\nSitemap: https://example.com/a.xml\n";

        Assert.Equal(["https://example.com/a.xml", "https://example.com/b.xml"], Parse(Robots).Sitemaps);
    }
}

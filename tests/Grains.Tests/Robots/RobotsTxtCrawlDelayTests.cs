using static Crawler.Grains.Tests.Robots.RobotsTestText;

namespace Crawler.Grains.Tests.Robots;

public sealed class RobotsTxtCrawlDelayTests
{
    [Theory]
    [InlineData("10", 10_000)]
    [InlineData("0", 0)]
    [InlineData("2.5", 2_500)]
    [InlineData("0.25", 250)]
    [InlineData(".5", 500)]
    [InlineData("007", 7_000)]
    [InlineData("3 # polite please", 3_000)]
    public void CrawlDelay_Number_IsSeconds(string value, int expectedMilliseconds)
    {
        var rules = Rules($"user-agent: *\ncrawl-delay: {value}\n");

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), rules.CrawlDelay);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("5s")]
    [InlineData("1e3")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void CrawlDelay_Garbage_IsIgnored(string value)
    {
        Assert.Null(Rules($"user-agent: *\ncrawl-delay: {value}\n").CrawlDelay);
    }

    [Fact]
    public void CrawlDelay_Huge_IsClampedNotThrown()
    {
        Assert.Equal(TimeSpan.MaxValue, Rules("user-agent: *\ncrawl-delay: 99999999999999999999999\n").CrawlDelay);
    }

    [Theory]
    [InlineData("Crawl-Delay")]
    [InlineData("CRAWL-DELAY")]
    [InlineData("crawl-delay")]
    public void CrawlDelay_FieldNameInAnyCase_IsRead(string field)
    {
        Assert.Equal(TimeSpan.FromSeconds(4), Rules($"user-agent: *\n{field}: 4\n").CrawlDelay);
    }

    [Fact]
    public void CrawlDelay_FromTheSelectedGroupOnly()
    {
        const string Robots = "user-agent: *\ncrawl-delay: 30\n\nuser-agent: CrawlerBot\ncrawl-delay: 2\ndisallow: /x\n\nuser-agent: QuietBot\ndisallow: /\n";

        var robots = Parse(Robots);

        Assert.Equal(TimeSpan.FromSeconds(2), robots.For("CrawlerBot").CrawlDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), robots.For("OtherBot").CrawlDelay);
        Assert.Null(robots.For("QuietBot").CrawlDelay);
    }

    [Fact]
    public void CrawlDelay_MergedGroupsGiveSeveral_TheLongestWins()
    {
        const string Robots = "user-agent: CrawlerBot\ncrawl-delay: 2\n\nuser-agent: CrawlerBot\ncrawl-delay: 5\n\nuser-agent: CrawlerBot\ncrawl-delay: 1\n";

        Assert.Equal(TimeSpan.FromSeconds(5), Rules(Robots).CrawlDelay);
    }

    [Fact]
    public void CrawlDelay_BeforeAnyUserAgent_IsIgnored()
    {
        Assert.Null(Rules("crawl-delay: 5\nuser-agent: *\ndisallow: /x\n").CrawlDelay);
    }

    [Fact]
    public void CrawlDelay_AfterUserAgentLines_EndsTheirGroupLikeARule()
    {
        const string Robots = "user-agent: *\ncrawl-delay: 10\n\nuser-agent: BadBot\ndisallow: /\n";

        var rules = Rules(Robots);

        Assert.True(rules.IsAllowed("/page"));
        Assert.Equal(TimeSpan.FromSeconds(10), rules.CrawlDelay);
        Assert.False(IsAllowed(Robots, "/page", "BadBot"));
        Assert.Null(Rules(Robots, "BadBot").CrawlDelay);
    }
}

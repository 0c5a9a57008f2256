using Crawler.Grains.Robots;
using static Crawler.Grains.Tests.Robots.RobotsTestText;

namespace Crawler.Grains.Tests.Robots;

public sealed class RobotsTxtGroupSelectionTests
{
    [Theory]
    [InlineData("user-agent: *\ndisallow: /\n\nuser-agent: CrawlerBot\nallow: /\n")]
    [InlineData("user-agent: CrawlerBot\nallow: /\n\nuser-agent: *\ndisallow: /\n")]
    public void For_OwnGroupAndStarGroup_OwnGroupWinsWhateverTheOrder(string robots)
    {
        Assert.True(IsAllowed(robots, "/page"));
        Assert.False(IsAllowed(robots, "/page", "OtherBot"));
    }

    [Fact]
    public void For_OwnGroup_IsNotMergedWithTheStarGroup()
    {
        const string Robots = "user-agent: *\ndisallow: /x/\n\nuser-agent: CrawlerBot\ndisallow: /y/\n";

        var rules = Rules(Robots);

        Assert.True(rules.IsAllowed("/x/page"));
        Assert.False(rules.IsAllowed("/y/page"));
    }

    [Fact]
    public void For_SeveralStarGroups_AreMerged()
    {
        const string Robots = "user-agent: *\ndisallow: /a\n\nuser-agent: OtherBot\ndisallow: /\n\nuser-agent: *\ndisallow: /b\n";

        var rules = Rules(Robots);

        Assert.False(rules.IsAllowed("/a"));
        Assert.False(rules.IsAllowed("/b"));
        Assert.True(rules.IsAllowed("/c"));
    }

    [Theory]
    [InlineData("CrawlerBot")]
    [InlineData("crawlerbot")]
    [InlineData("CrawlerBot/0.1 (+https://github.com/crawler/crawler)")]
    [InlineData("  CrawlerBot  ")]
    public void For_TokenOrFullUserAgent_SelectsTheGroupByProductName(string agent)
    {
        Assert.False(IsAllowed("user-agent: CRAWLERBOT\ndisallow: /\n", "/x", agent));
    }

    [Theory]
    [InlineData("user-agent: CrawlerBot/2.0\ndisallow: /\n")]
    [InlineData("user-agent: CrawlerBot (our crawler)\ndisallow: /\n")]
    public void For_RobotsLineWithVersionOrComment_MatchesTheProductName(string robots)
    {
        Assert.False(IsAllowed(robots, "/x"));
    }

    [Theory]
    [InlineData("user-agent: CrawlerBotExtra\ndisallow: /\n")]
    [InlineData("user-agent: Crawler\ndisallow: /\n")]
    [InlineData("user-agent: *Bot\ndisallow: /\n")]
    [InlineData("user-agent: Crawler*\ndisallow: /\n")]
    public void For_OtherProductName_DoesNotMatch(string robots)
    {
        Assert.True(IsAllowed(robots, "/x"));
    }

    [Fact]
    public void For_ConsecutiveUserAgentLinesWithBlankLinesBetween_ShareOneGroup()
    {
        const string Robots = "user-agent: OtherBot\n\nuser-agent: CrawlerBot\n\ndisallow: /shared\n";

        Assert.False(IsAllowed(Robots, "/shared"));
        Assert.False(IsAllowed(Robots, "/shared", "OtherBot"));
    }

    [Fact]
    public void For_UserAgentAfterRules_StartsANewGroup()
    {
        const string Robots = "user-agent: OtherBot\ndisallow: /other\nuser-agent: CrawlerBot\ndisallow: /mine\n";

        var rules = Rules(Robots);

        Assert.True(rules.IsAllowed("/other"));
        Assert.False(rules.IsAllowed("/mine"));
    }

    [Fact]
    public void For_EmptyUserAgentValue_BindsItsRulesToNobody()
    {
        const string Robots = "user-agent: CrawlerBot\ndisallow: /a\nuser-agent:\ndisallow: /b\n";

        var rules = Rules(Robots);

        Assert.False(rules.IsAllowed("/a"));
        Assert.True(rules.IsAllowed("/b"));
    }

    [Fact]
    public void For_SameAgentTwice_ReturnsTheSameCompiledRules()
    {
        var robots = Parse("user-agent: CrawlerBot\ndisallow: /a\n\nuser-agent: *\ndisallow: /\n");

        Assert.Same(robots.For("CrawlerBot"), robots.For("crawlerbot/1.0"));
        Assert.Same(robots.For("OtherBot"), robots.For("ThirdBot"));
    }

    [Fact]
    public void For_NullAgent_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Parse("").For(null!));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/page?q=1")]
    public void AllowAll_AnyPath_IsAllowed(string path)
    {
        var rules = RobotsTxt.AllowAll.For(Agent);

        Assert.True(rules.IsAllowed(path));
        Assert.Null(rules.CrawlDelay);
        Assert.Empty(RobotsTxt.AllowAll.Sitemaps);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("/page?q=1")]
    public void DisallowAll_AnyPath_IsDisallowed(string path)
    {
        Assert.False(RobotsTxt.DisallowAll.For(Agent).IsAllowed(path));
        Assert.Empty(RobotsTxt.DisallowAll.Sitemaps);
    }

    [Fact]
    public void DisallowAll_RobotsTxt_IsStillAllowed()
    {
        Assert.True(RobotsTxt.DisallowAll.For(Agent).IsAllowed("/robots.txt"));
    }
}

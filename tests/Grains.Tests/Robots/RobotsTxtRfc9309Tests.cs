using static Crawler.Grains.Tests.Robots.RobotsTestText;

namespace Crawler.Grains.Tests.Robots;

/// <summary>The examples of RFC 9309, section by section.</summary>
public sealed class RobotsTxtRfc9309Tests
{
    // §5.1, with its closing "EOF" line as printed: one word and no colon, so an ignored line.
    private const string SimpleExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """;

    [Theory]
    [InlineData("/foo", false)]
    [InlineData("/bar/x", false)]
    [InlineData("/baz", false)]
    [InlineData("/qux", true)]
    public void For_TwoGroupsForTheSameAgent_MergesTheirRules(string path, bool allowed)
    {
        // §2.2.1: the rules of every group matching the product token are combined into one group.
        const string Robots = """
            user-agent: ExampleBot
            disallow: /foo
            disallow: /bar

            user-agent: ExampleBot
            disallow: /baz
            """;

        Assert.Equal(allowed, IsAllowed(Robots, path, "ExampleBot"));
    }

    [Theory]
    [InlineData("ExampleBot")]
    [InlineData("examplebot")]
    [InlineData("EXAMPLEBOT")]
    public void For_ProductTokenInAnyCase_MatchesTheGroup(string agent)
    {
        const string Robots = "user-agent: ExampleBot\ndisallow: /\n";

        Assert.False(IsAllowed(Robots, "/page", agent));
    }

    [Fact]
    public void For_NoGroupMatches_ObeysTheStarGroup()
    {
        const string Robots = "user-agent: *\ndisallow: /private\n\nuser-agent: OtherBot\ndisallow: /\n";

        var rules = Rules(Robots, "ExampleBot");

        Assert.False(rules.IsAllowed("/private/x"));
        Assert.True(rules.IsAllowed("/public"));
    }

    [Theory]
    [InlineData("user-agent: OtherBot\ndisallow: /\n")]
    [InlineData("")]
    [InlineData("# only a comment\n\n")]
    public void For_NoMatchingAndNoStarGroup_AllowsEverything(string robots)
    {
        Assert.True(IsAllowed(robots, "/anything", "ExampleBot"));
    }

    [Theory]
    [InlineData("allow: /a\ndisallow: /a\n")]
    [InlineData("disallow: /a\nallow: /a\n")]
    public void IsAllowed_EquivalentAllowAndDisallow_AllowWins(string rules)
    {
        Assert.True(IsAllowed("user-agent: *\n" + rules, "/a/page"));
    }

    [Fact]
    public void IsAllowed_NoRuleMatches_IsAllowed()
    {
        Assert.True(IsAllowed("user-agent: *\ndisallow: /private\n", "/public"));
    }

    [Fact]
    public void IsAllowed_OwnGroupWithoutRules_AllowsEverythingDespiteTheStarGroup()
    {
        const string Robots = "user-agent: *\ndisallow: /\n\nuser-agent: ExampleBot\n";

        Assert.True(IsAllowed(Robots, "/x", "ExampleBot"));
        Assert.False(IsAllowed(Robots, "/x", "OtherBot"));
    }

    [Fact]
    public void IsAllowed_MatchingIsCaseSensitive()
    {
        const string Robots = "user-agent: *\ndisallow: /Private\n";

        Assert.False(IsAllowed(Robots, "/Private/x"));
        Assert.True(IsAllowed(Robots, "/private/x"));
    }

    [Fact]
    public void IsAllowed_MatchStartsAtTheFirstOctetOfThePath()
    {
        const string Robots = "user-agent: *\ndisallow: /fish\n";

        Assert.True(IsAllowed(Robots, "/catfish"));
        Assert.True(IsAllowed(Robots, "/a/fish"));
    }

    [Fact]
    public void Parse_RulesBeforeTheFirstUserAgent_AreIgnored()
    {
        const string Robots = "disallow: /early\nallow: /\nuser-agent: *\ndisallow: /late\n";

        Assert.True(IsAllowed(Robots, "/early"));
        Assert.False(IsAllowed(Robots, "/late"));
    }

    // §2.2.2's table: the path in robots.txt, and URLs that path must match.
    [Theory]
    [InlineData("/foo/bar?baz=quz", "/foo/bar?baz=quz")]
    [InlineData("/foo/bar?baz=https://foo.bar", "/foo/bar?baz=https://foo.bar")]
    [InlineData("/foo/bar?baz=https%3A%2F%2Ffoo.bar", "/foo/bar?baz=https%3A%2F%2Ffoo.bar")]
    [InlineData("/foo/bar/\u30C4", "/foo/bar/%E3%83%84")]
    [InlineData("/foo/bar/\u30C4", "/foo/bar/\u30C4")]
    [InlineData("/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84")]
    [InlineData("/foo/bar/%E3%83%84", "/foo/bar/%e3%83%84")]
    [InlineData("/foo/bar/%E3%83%84", "/foo/bar/\u30C4")]
    [InlineData("/foo/bar/%62%61%7A", "/foo/bar/baz")]
    [InlineData("/foo/bar/baz", "/foo/bar/%62%61%7A")]
    public void IsAllowed_PercentEncodingTable_PathMatches(string pattern, string path)
    {
        Assert.False(IsAllowed($"user-agent: *\ndisallow: {pattern}\n", path));
    }

    [Theory]
    [InlineData("/this/path/exactly$", "/this/path/exactly", false)]
    [InlineData("/this/path/exactly$", "/this/path/exactly/", true)]
    [InlineData("/this/path/exactly$", "/this/path/exactly?q", true)]
    [InlineData("/this/*/exactly", "/this/a/exactly", false)]
    [InlineData("/this/*/exactly", "/this/a/b/exactly", false)]
    [InlineData("/this/*/exactly", "/this/exactly", true)]
    public void IsAllowed_SpecialCharacters_StarAndDollar(string pattern, string path, bool allowed)
    {
        Assert.Equal(allowed, IsAllowed($"user-agent: *\ndisallow: {pattern}\n", path));
    }

    [Fact]
    public void Parse_HashStartsAComment_InLineOrOnItsOwnLine()
    {
        const string Robots = "user-agent: * # every crawler\n# disallow: /commented\ndisallow: /a # not /a-b\n";

        Assert.True(IsAllowed(Robots, "/commented"));
        Assert.False(IsAllowed(Robots, "/a"));
        Assert.True(IsAllowed(Robots, "/b"));
    }

    [Theory]
    [InlineData("/path/file-with-a-%2A.html", "/path/file-with-a-*.html", false)]
    [InlineData("/path/file-with-a-%2A.html", "/path/file-with-a-%2A.html", false)]
    [InlineData("/path/file-with-a-%2A.html", "/path/file-with-a-b.html", true)]
    [InlineData("/path/foo-%24", "/path/foo-$", false)]
    [InlineData("/path/foo-%24", "/path/foo-%24", false)]
    [InlineData("/path/foo-%24", "/path/foo-", true)]
    public void IsAllowed_PercentEncodedSpecialCharacter_MatchesItLiterally(string pattern, string path, bool allowed)
    {
        Assert.Equal(allowed, IsAllowed($"user-agent: *\ndisallow: {pattern}\n", path));
    }

    [Theory]
    [InlineData("/example/x", false)]
    [InlineData("/example/", false)]
    [InlineData("/publications/paper", true)]
    [InlineData("/cat.gif", false)]
    [InlineData("/img/cat.gif", false)]
    [InlineData("/cat.gif?size=2", true)]
    [InlineData("/other", true)]
    public void For_SimpleExampleStarGroup_AppliesToUnnamedAgents(string path, bool allowed)
    {
        Assert.Equal(allowed, IsAllowed(SimpleExample, path, "unnamedbot"));
    }

    [Theory]
    [InlineData("/", false)]
    [InlineData("/other", false)]
    [InlineData("/example/page.html", true)]
    [InlineData("/example/allowed.gif", true)]
    [InlineData("/example/other.gif", false)]
    [InlineData("/publications/", false)]
    public void For_SimpleExampleFoobot_OnlyTwoPrefixesAllowed(string path, bool allowed)
    {
        Assert.Equal(allowed, IsAllowed(SimpleExample, path, "foobot"));
    }

    [Theory]
    [InlineData("barbot", "/example/page.html", false)]
    [InlineData("barbot", "/example/other", true)]
    [InlineData("barbot", "/cat.gif", true)]
    [InlineData("bazbot", "/example/page.html", false)]
    [InlineData("bazbot", "/example/other", true)]
    [InlineData("bazbot", "/cat.gif", true)]
    public void For_SimpleExampleSharedGroup_AppliesToBothAgents(string agent, string path, bool allowed)
    {
        Assert.Equal(allowed, IsAllowed(SimpleExample, path, agent));
    }

    [Theory]
    [InlineData("/example/page.html")]
    [InlineData("/cat.gif")]
    [InlineData("/")]
    public void For_SimpleExampleEmptyLastGroup_AllowsEverything(string path)
    {
        Assert.True(IsAllowed(SimpleExample, path, "quxbot"));
    }

    [Theory]
    [InlineData("/example/page/disallowed.gif", false)]
    [InlineData("/example/page/other.gif", true)]
    [InlineData("/example/page/", true)]
    public void IsAllowed_LongestMatchExample_LongestRuleWins(string path, bool allowed)
    {
        const string Robots = "User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n";

        Assert.Equal(allowed, IsAllowed(Robots, path, "foobot"));
    }
}

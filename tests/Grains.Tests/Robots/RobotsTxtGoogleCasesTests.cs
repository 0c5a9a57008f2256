using static Crawler.Grains.Tests.Robots.RobotsTestText;

namespace Crawler.Grains.Tests.Robots;

/// <summary>The path-matching and precedence cases Google documents for its robots.txt reading.</summary>
public sealed class RobotsTxtGoogleCasesTests
{
    [Theory]
    [InlineData("/fish", "/fish", true)]
    [InlineData("/fish", "/fish.html", true)]
    [InlineData("/fish", "/fish/salmon.html", true)]
    [InlineData("/fish", "/fishheads", true)]
    [InlineData("/fish", "/fishheads/yummy.html", true)]
    [InlineData("/fish", "/fish.php?id=anything", true)]
    [InlineData("/fish", "/Fish.asp", false)]
    [InlineData("/fish", "/catfish", false)]
    [InlineData("/fish", "/?id=fish", false)]
    [InlineData("/fish", "/desert/fish", false)]
    [InlineData("/fish*", "/fish", true)]
    [InlineData("/fish*", "/fish.html", true)]
    [InlineData("/fish*", "/fish/salmon.html", true)]
    [InlineData("/fish*", "/fishheads", true)]
    [InlineData("/fish*", "/fishheads/yummy.html", true)]
    [InlineData("/fish*", "/fish.php?id=anything", true)]
    [InlineData("/fish*", "/Fish.asp", false)]
    [InlineData("/fish*", "/catfish", false)]
    [InlineData("/fish*", "/?id=fish", false)]
    [InlineData("/fish*", "/desert/fish", false)]
    [InlineData("/fish/", "/fish/", true)]
    [InlineData("/fish/", "/fish/?id=anything", true)]
    [InlineData("/fish/", "/fish/salmon.htm", true)]
    [InlineData("/fish/", "/fish", false)]
    [InlineData("/fish/", "/fish.html", false)]
    [InlineData("/fish/", "/animals/fish/", false)]
    [InlineData("/fish/", "/Fish/Salmon.asp", false)]
    [InlineData("/*.php", "/index.php", true)]
    [InlineData("/*.php", "/filename.php", true)]
    [InlineData("/*.php", "/folder/filename.php", true)]
    [InlineData("/*.php", "/folder/filename.php?parameters", true)]
    [InlineData("/*.php", "/folder/any.php.file.html", true)]
    [InlineData("/*.php", "/filename.php/", true)]
    [InlineData("/*.php", "/", false)]
    [InlineData("/*.php", "/windows.PHP", false)]
    [InlineData("/*.php$", "/filename.php", true)]
    [InlineData("/*.php$", "/folder/filename.php", true)]
    [InlineData("/*.php$", "/filename.php?parameters", false)]
    [InlineData("/*.php$", "/filename.php/", false)]
    [InlineData("/*.php$", "/filename.php5", false)]
    [InlineData("/*.php$", "/windows.PHP", false)]
    [InlineData("/fish*.php", "/fish.php", true)]
    [InlineData("/fish*.php", "/fishheads/catfish.php?parameters", true)]
    [InlineData("/fish*.php", "/Fish.PHP", false)]
    [InlineData("/fish*.php", "/fish.html", false)]
    public void IsAllowed_DocumentedPattern_MatchesExactlyTheDocumentedPaths(string pattern, string path, bool matches)
    {
        Assert.Equal(!matches, IsAllowed($"user-agent: *\ndisallow: {pattern}\n", path));
    }

    [Theory]
    [InlineData("allow: /p\ndisallow: /", "/page", true)]
    [InlineData("allow: /folder\ndisallow: /folder", "/folder/page", true)]
    [InlineData("allow: /page\ndisallow: /*.htm", "/page.htm", false)]
    [InlineData("allow: /page\ndisallow: /*.html", "/page.html", false)]
    [InlineData("allow: /page\ndisallow: /*.html", "/page", true)]
    [InlineData("allow: /x/page.\ndisallow: /*.html", "/x/page.html", true)]
    [InlineData("allow: /x/page.\ndisallow: /*.html", "/x/y.html", false)]
    [InlineData("allow: /$\ndisallow: /", "/", true)]
    [InlineData("allow: /$\ndisallow: /", "/page.htm", false)]
    public void IsAllowed_ConflictingRules_MostSpecificWins(string rules, string path, bool allowed)
    {
        Assert.Equal(allowed, IsAllowed("user-agent: *\n" + rules + "\n", path));
    }

    [Theory]
    [InlineData("disallow: /foo/bar/quz\nallow: /foo/*/qux", "/foo/bar/quz", false)]
    [InlineData("disallow: /foo/bar/quz\nallow: /foo/*/qux", "/foo/quz", true)]
    [InlineData("disallow: /foo/bar/quz\nallow: /foo/*/qux", "/foo//quz", true)]
    [InlineData("disallow: /foo/bar/quz\nallow: /foo/*/qux", "/foo/bax/quz", true)]
    [InlineData("disallow: /foo/bar$\nallow: /foo/bar/qux", "/foo/bar", false)]
    [InlineData("disallow: /foo/bar$\nallow: /foo/bar/qux", "/foo/bar/qux", true)]
    [InlineData("disallow: /foo/bar$\nallow: /foo/bar/qux", "/foo/bar/", true)]
    [InlineData("disallow: /foo/bar$\nallow: /foo/bar/qux", "/foo/bar/baz", true)]
    [InlineData("# disallow: /\ndisallow: /foo/quz#qux\nallow: /", "/foo/bar", true)]
    [InlineData("# disallow: /\ndisallow: /foo/quz#qux\nallow: /", "/foo/quz", false)]
    public void IsAllowed_SpecialCharacters_BehaveAsDocumented(string rules, string path, bool allowed)
    {
        Assert.Equal(allowed, IsAllowed("user-agent: FooBot\n" + rules + "\n", path, "FooBot"));
    }

    [Theory]
    [InlineData("FooBot", "/x/b", true)]
    [InlineData("FooBot", "/z/d", true)]
    [InlineData("FooBot", "/y/c", false)]
    [InlineData("FooBot", "/foo/bar/", false)]
    [InlineData("BarBot", "/y/c", true)]
    [InlineData("BarBot", "/w/a", true)]
    [InlineData("BarBot", "/z/d", false)]
    [InlineData("BarBot", "/foo/bar/", false)]
    [InlineData("BazBot", "/z/d", true)]
    [InlineData("BazBot", "/foo/bar/", false)]
    public void For_InterleavedGroups_EachAgentGetsItsOwnRules(string agent, string path, bool allowed)
    {
        // A rule before any group is ignored; blank lines split nothing; BazBot shares FooBot's second group.
        const string Robots = """
            allow: /foo/bar/

            user-agent: FooBot
            disallow: /
            allow: /x/
            user-agent: BarBot
            disallow: /
            allow: /y/


            allow: /w/
            user-agent: BazBot

            user-agent: FooBot
            allow: /z/
            disallow: /
            """;

        Assert.Equal(allowed, IsAllowed(Robots, path, agent));
    }

    [Theory]
    [InlineData("User-agent: BarBot\nSitemap: https://foo.bar/sitemap\nUser-agent: *\nDisallow: /\n")]
    [InlineData("User-agent: BarBot\nInvalid-Unknown-Line: unknown\nUser-agent: *\nDisallow: /\n")]
    public void For_OtherRecordBetweenUserAgents_DoesNotEndTheGroup(string robots)
    {
        Assert.False(IsAllowed(robots, "/page", "BarBot"));
        Assert.False(IsAllowed(robots, "/page", "FooBot"));
    }
}

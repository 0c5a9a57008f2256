using static Crawler.Grains.Tests.Robots.RobotsTestText;

namespace Crawler.Grains.Tests.Robots;

public sealed class RobotsRulesTests
{
    [Theory]
    [InlineData("user-agent: *\ndisallow: /\n")]
    [InlineData("user-agent: *\ndisallow: /robots.txt\n")]
    [InlineData("user-agent: *\ndisallow: /robots.txt$\n")]
    [InlineData("user-agent: *\ndisallow: /*.txt\n")]
    public void IsAllowed_RobotsTxt_IsAlwaysAllowed(string robots)
    {
        var rules = Rules(robots);

        Assert.True(rules.IsAllowed("/robots.txt"));
        Assert.True(rules.IsAllowed("/robots%2Etxt"));
    }

    [Fact]
    public void IsAllowed_RobotsTxtWithQueryOrOtherPath_IsNotSpecial()
    {
        var rules = Rules("user-agent: *\ndisallow: /\n");

        Assert.False(rules.IsAllowed("/robots.txt?x=1"));
        Assert.False(rules.IsAllowed("/dir/robots.txt"));
    }

    [Fact]
    public void IsAllowed_EmptyPath_IsTheRoot()
    {
        Assert.False(IsAllowed("user-agent: *\ndisallow: /$\n", ""));
        Assert.True(IsAllowed("user-agent: *\ndisallow: /$\n", "/x"));
    }

    [Fact]
    public void IsAllowed_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Rules("user-agent: *\ndisallow: /\n").IsAllowed(null!));
    }

    [Theory]
    [InlineData("/a%2Fb", "/a%2fb", false)]
    [InlineData("/a%2fb", "/a%2Fb", false)]
    [InlineData("/a%2Fb", "/a/b", true)]
    [InlineData("/a/b", "/a%2Fb", true)]
    [InlineData("/search?q=a%26b", "/search?q=a&b", true)]
    [InlineData("/%7Euser", "/~user", false)]
    [InlineData("/~user", "/%7euser", false)]
    [InlineData("/a b", "/a%20b", false)]
    [InlineData("/a%20b", "/a b", false)]
    [InlineData("/100%", "/100%25", false)]
    [InlineData("/100%25", "/100%", false)]
    [InlineData("/100%", "/100", true)]
    [InlineData("/a|b", "/a%7Cb", false)]
    [InlineData("/caf\u00e9", "/caf%C3%A9", false)]
    [InlineData("/caf\u00e9", "/caf\u00e9", false)]
    [InlineData("/emoji/\U0001F600", "/emoji/%F0%9F%98%80", false)]
    public void IsAllowed_PercentEncoding_ComparesNormalizedOctets(string pattern, string path, bool allowed)
    {
        Assert.Equal(allowed, IsAllowed($"user-agent: *\ndisallow: {pattern}\n", path));
    }

    [Theory]
    [InlineData("/a$b", "/a$b", false)]
    [InlineData("/a$b", "/a%24b", false)]
    [InlineData("/a$b", "/a", true)]
    [InlineData("/a$$", "/a$", false)]
    [InlineData("/a$$", "/a$b", true)]
    public void IsAllowed_DollarBeforeTheEnd_IsALiteral(string pattern, string path, bool allowed)
    {
        Assert.Equal(allowed, IsAllowed($"user-agent: *\ndisallow: {pattern}\n", path));
    }

    [Theory]
    [InlineData("*", "/anything", false)]
    [InlineData("*", "/", false)]
    [InlineData("/*", "/", false)]
    [InlineData("/a*", "/a", false)]
    [InlineData("/a*$", "/a/b", false)]
    [InlineData("/a**b", "/a/x/b", false)]
    [InlineData("/a**b", "/a/x", true)]
    [InlineData("/*?", "/page?q", false)]
    [InlineData("/*?", "/page", true)]
    [InlineData("/*/*/c$", "/a/b/c", false)]
    [InlineData("/*/*/c$", "/a/b/c/d", true)]
    [InlineData("/*/*/c$", "/a/c", true)]
    [InlineData("/a*bc$", "/abc", false)]
    [InlineData("/a*bc$", "/abcbc", false)]
    [InlineData("/a*bc$", "/abcb", true)]
    [InlineData("/ab*ab$", "/ab", true)]
    [InlineData("/ab*ab$", "/abab", false)]
    public void IsAllowed_Wildcards_MatchAnySequence(string pattern, string path, bool allowed)
    {
        Assert.Equal(allowed, IsAllowed($"user-agent: *\ndisallow: {pattern}\n", path));
    }

    [Theory]
    [InlineData("disallow: /a\nallow: /a/b\ndisallow: /a/b/c")]
    [InlineData("disallow: /a/b/c\nallow: /a/b\ndisallow: /a")]
    [InlineData("allow: /a/b\ndisallow: /a/b/c\ndisallow: /a")]
    public void IsAllowed_RuleOrder_DoesNotMatter(string rules)
    {
        var compiled = Rules("user-agent: *\n" + rules + "\n");

        Assert.False(compiled.IsAllowed("/a/x"));
        Assert.True(compiled.IsAllowed("/a/b/x"));
        Assert.False(compiled.IsAllowed("/a/b/c/x"));
    }

    [Fact]
    public void IsAllowed_LongPathNeedingNormalization_IsNormalizedWhole()
    {
        var tail = string.Concat(Enumerable.Repeat("\u00e9", 400));
        var rules = Rules($"user-agent: *\ndisallow: /{tail}$\n");

        Assert.False(rules.IsAllowed("/" + tail));
        Assert.True(rules.IsAllowed("/" + tail + "x"));
    }

    // A backtracking matcher takes astronomically long on these; the timeout turns that into a failure.
    [Theory(Timeout = 30_000)]
    [InlineData("/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", true)]
    [InlineData("/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b$", true)]
    [InlineData("/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a$", false)]
    [InlineData("/a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", false)]
    public async Task IsAllowed_HostileWildcardPattern_AnswersWithoutBacktracking(string pattern, bool allowed)
    {
        var rules = Rules($"user-agent: *\ndisallow: {pattern}\n");
        var path = "/" + new string('a', 2048);

        var answers = await Task.Run(() => Enumerable.Range(0, 1000).Select(_ => rules.IsAllowed(path)).Distinct().ToList());

        Assert.Equal([allowed], answers);
    }

    [Theory]
    [InlineData("/plain/path?q=1&sort=asc")]
    [InlineData("/needs%20normalizing/%e3%83%84/caf\u00e9?q=%41")]
    public void IsAllowed_RepeatedCalls_DoNotAllocate(string path)
    {
        var rules = Rules("user-agent: *\ndisallow: /private\nallow: /private/public\ndisallow: /*.gif$\ndisallow: /*/x/*/y\n");
        Assert.True(rules.IsAllowed(path));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            rules.IsAllowed(path);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

using System.Text;
using Crawler.Grains.Robots;
using static Crawler.Grains.Tests.Robots.RobotsTestText;

namespace Crawler.Grains.Tests.Robots;

public sealed class RobotsTxtSyntaxTests
{
    [Theory]
    [InlineData("User-agent: *\nDisallow: /x\n")]
    [InlineData("USER-AGENT: *\nDISALLOW: /x\n")]
    [InlineData("user-agent: *\ndisallow: /x\n")]
    [InlineData("uSeR-aGeNt: *\ndIsAlLoW: /x\n")]
    public void Parse_FieldNamesInAnyCase_AreRecognized(string robots)
    {
        Assert.False(IsAllowed(robots, "/x"));
    }

    [Theory]
    [InlineData("useragent: *\ndisallow: /x\n")]
    [InlineData("user agent: *\ndisallow: /x\n")]
    [InlineData("user-agent: *\ndissallow: /x\n")]
    [InlineData("user-agent: *\ndisalow: /x\n")]
    public void Parse_CommonMisspelling_IsRecognized(string robots)
    {
        Assert.False(IsAllowed(robots, "/x"));
    }

    [Theory]
    [InlineData("user-agent: *\ndisallow: /x\n")]
    [InlineData("user-agent : *\ndisallow :   /x   \n")]
    [InlineData("  user-agent:*\n\tdisallow:/x\t\n")]
    public void Parse_WhitespaceAroundFieldsAndValues_IsIgnored(string robots)
    {
        Assert.False(IsAllowed(robots, "/x/y"));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Parse_AnyLineEnding_SplitsLines(string newline)
    {
        var robots = string.Join(newline, "user-agent: *", "disallow: /a", "allow: /a/b", "user-agent: other", "disallow: /");

        var rules = Rules(robots);

        Assert.False(rules.IsAllowed("/a"));
        Assert.True(rules.IsAllowed("/a/b"));
        Assert.True(rules.IsAllowed("/c"));
    }

    [Fact]
    public void Parse_MixedLineEndings_SplitsEveryLine()
    {
        var rules = Rules("user-agent: *\r\ndisallow: /a\rdisallow: /b\ndisallow: /c\r\n\r\ndisallow: /d");

        Assert.All(["/a", "/b", "/c", "/d"], path => Assert.False(rules.IsAllowed(path)));
        Assert.True(rules.IsAllowed("/e"));
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0xEF, 0xBB })]
    public void Parse_ByteOrderMark_IsSkipped(byte[] mark)
    {
        var content = mark.Concat(Encoding.UTF8.GetBytes("User-agent: *\nDisallow: /x\n")).ToArray();

        Assert.False(RobotsTxt.Parse(content).For(Agent).IsAllowed("/x"));
    }

    [Fact]
    public void Parse_ByteOrderMarkInsideTheFile_SpoilsThatLine()
    {
        var content = Encoding.UTF8.GetBytes("User-agent: *\n\uFEFFDisallow: /x\nDisallow: /y\n");

        var rules = RobotsTxt.Parse(content).For(Agent);

        Assert.True(rules.IsAllowed("/x"));
        Assert.False(rules.IsAllowed("/y"));
    }

    [Fact]
    public void Parse_GarbageLines_AreIgnoredAndTheRestParsed()
    {
        const string Robots = """
            <html><body>Not found</body></html>
            user-agent: *
            this line means nothing
            foo: bar
            : /no-key
            disallow /a /b
            {"json": true}
            disallow: /x
            """;

        var rules = Rules(Robots);

        Assert.False(rules.IsAllowed("/x"));
        Assert.True(rules.IsAllowed("/a"));
        Assert.True(rules.IsAllowed("/no-key"));
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var random = new Random(9309);
        var alphabet = Encoding.UTF8.GetBytes("user-agent:disallow:allow:sitemap:crawl-delay:*$%/#:\r\n \t\u00e9");
        for (var file = 0; file < 200; file++)
        {
            var content = new byte[random.Next(0, 2000)];
            for (var i = 0; i < content.Length; i++)
            {
                content[i] = random.Next(3) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }

            var robots = RobotsTxt.Parse(content);
            var rules = robots.For(Agent);
            _ = rules.IsAllowed("/some/path?q=1");
            _ = robots.Sitemaps.Count;
        }
    }

    [Theory]
    [InlineData("user-agent CrawlerBot\ndisallow /private\n")]
    [InlineData("user-agent\tCrawlerBot\ndisallow\t/private\n")]
    public void Parse_MissingColonBetweenTwoWords_IsTolerated(string robots)
    {
        Assert.False(IsAllowed(robots, "/private/x"));
    }

    [Fact]
    public void Parse_MissingColonWithMoreThanTwoWords_IsIgnored()
    {
        Assert.True(IsAllowed("user-agent: *\ndisallow /private now\n", "/private/x"));
    }

    [Theory]
    [InlineData("disallow:")]
    [InlineData("disallow:    ")]
    [InlineData("disallow: # nothing")]
    public void IsAllowed_EmptyDisallow_AllowsEverything(string rule)
    {
        Assert.True(IsAllowed($"user-agent: *\n{rule}\n", "/anything"));
    }

    [Fact]
    public void Parse_EmptyDisallow_StillEndsTheUserAgentLines()
    {
        // The empty rule closes the first group, so the next user-agent line starts a group of its own.
        const string Robots = "user-agent: CrawlerBot\ndisallow:\nuser-agent: OtherBot\ndisallow: /\n";

        Assert.True(IsAllowed(Robots, "/x"));
        Assert.False(IsAllowed(Robots, "/x", "OtherBot"));
    }

    [Theory]
    [InlineData("fish")]
    [InlineData("fish/")]
    [InlineData("$")]
    public void Parse_PatternNotStartingWithSlashOrStar_MatchesNothing(string pattern)
    {
        Assert.True(IsAllowed($"user-agent: *\ndisallow: {pattern}\n", "/fish/"));
    }

    [Fact]
    public void Parse_FileLongerThanTheLimit_IgnoresWhatFollowsIt()
    {
        var builder = new StringBuilder("user-agent: *\ndisallow: /early\n");
        var filler = "# " + new string('x', 1000) + "\n";
        while (builder.Length < 600 * 1024)
        {
            builder.Append(filler);
        }

        builder.Append("disallow: /late\n");

        var rules = Rules(builder.ToString());

        Assert.False(rules.IsAllowed("/early"));
        Assert.True(rules.IsAllowed("/late"));
    }

    [Fact]
    public void Parse_LineCutByTheLimit_IsDroppedWhole()
    {
        const string Head = "user-agent: *\ndisallow: /early\n";
        const string Cut = "disallow: /straddling-the-limit\n";
        var filler = new string('#', RobotsTxt.MaxBytes - Head.Length - 12) + "\n";
        var content = Head + filler + Cut;
        Assert.True(Encoding.UTF8.GetByteCount(Head + filler) < RobotsTxt.MaxBytes);
        Assert.True(content.Length > RobotsTxt.MaxBytes);

        var rules = Rules(content);

        Assert.False(rules.IsAllowed("/early"));
        Assert.True(rules.IsAllowed("/straddling-the-limit"));
        Assert.True(rules.IsAllowed("/st"));
    }

    [Fact]
    public void Parse_LastLineEndingAtTheLimit_IsKept()
    {
        const string Head = "user-agent: *\n";
        const string Last = "disallow: /last\n";
        var filler = new string('#', RobotsTxt.MaxBytes - Head.Length - Last.Length - 1) + "\n";
        var content = Head + filler + Last + "disallow: /beyond\n";
        Assert.Equal(RobotsTxt.MaxBytes, Encoding.UTF8.GetByteCount(Head + filler + Last));

        var rules = Rules(content);

        Assert.False(rules.IsAllowed("/last"));
        Assert.True(rules.IsAllowed("/beyond"));
    }

    [Fact]
    public void Parse_NonUtf8Bytes_MatchTheSameOctetsPercentEncoded()
    {
        // "/café" in ISO 8859-1: the é is the single byte E9, matched by a URL carrying %E9.
        var content = Encoding.Latin1.GetBytes("user-agent: *\ndisallow: /caf\u00e9\n");

        var rules = RobotsTxt.Parse(content).For(Agent);

        Assert.False(rules.IsAllowed("/caf%E9"));
        Assert.True(rules.IsAllowed("/caf%C3%A9"));
    }
}

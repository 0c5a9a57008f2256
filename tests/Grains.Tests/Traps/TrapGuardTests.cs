using Crawler.Grains.Interfaces;
using Crawler.Grains.Traps;

namespace Crawler.Grains.Tests.Traps;

public sealed class TrapGuardTests
{
    private readonly TrapGuard _guard = new(maxSegments: 5, maxRepeats: 2);

    [Theory]
    [InlineData("http://site.test/")]
    [InlineData("http://site.test/a/b/c/d/e")]
    [InlineData("http://site.test/a/b/a/c?a=a&a=a")]
    [InlineData("http://site.test/2024/01/01")]
    public void RefusalFor_OrdinaryPath_IsNull(string url)
    {
        Assert.Null(_guard.RefusalFor(new Uri(url)));
    }

    [Fact]
    public void RefusalFor_TooManySegments_SaysHowMany()
    {
        var refusal = _guard.RefusalFor(new Uri("http://site.test/a/b/c/d/e/f"));

        Assert.Equal("not fetched: spider-trap guard, the path has 6 segments (at most 5)", refusal);
    }

    [Theory]
    [InlineData("http://site.test/x/x/x")]
    [InlineData("http://site.test/x/y/x/z/x")]
    public void RefusalFor_SegmentRepeatedTooOften_NamesIt(string url)
    {
        var refusal = _guard.RefusalFor(new Uri(url));

        Assert.Equal("not fetched: spider-trap guard, the path segment 'x' repeats more than 2 times", refusal);
    }

    [Fact]
    public void RefusalFor_LongRepeatedSegment_IsQuotedShort()
    {
        var segment = new string('s', 100);

        var refusal = _guard.RefusalFor(new Uri($"http://site.test/{segment}/{segment}/{segment}"));

        Assert.Contains($"'{new string('s', 40)}…'", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void For_DefaultSpec_AllowsRealisticDeepPathsAndStopsRelativeLinkLoops()
    {
        var guard = TrapGuard.For(new CrawlJobSpec { Seeds = ["http://site.test/"] });

        Assert.Null(guard.RefusalFor(new Uri("http://site.test/docs/api/v1/api/reference/index.html")));
        Assert.NotNull(guard.RefusalFor(new Uri("http://site.test/trap/x/x/x/x/")));
        Assert.NotNull(guard.RefusalFor(new Uri("http://site.test/" + string.Join('/', Enumerable.Range(0, 33)))));
    }

    [Fact]
    public void TooManyUrlsOnHost_NamesTheCapAndTheHost()
    {
        Assert.Equal(
            "not fetched: spider-trap guard, the job already has 100,000 URLs on http://site.test:8080",
            TrapGuard.TooManyUrlsOnHost(100_000, "http://site.test:8080"));
    }
}

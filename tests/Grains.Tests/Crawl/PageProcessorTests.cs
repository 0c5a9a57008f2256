using Crawler.Grains.Crawl;
using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;

namespace Crawler.Grains.Tests.Crawl;

public sealed class PageProcessorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private static CompiledJob Job(int? maxDepth = null, CrawlScope scope = CrawlScope.Host, bool respectNoFollow = true, int maxLinksPerPage = CrawlJobSpec.DefaultMaxLinksPerPage) =>
        new(new CrawlJobSpec { Seeds = ["http://site.test/"], MaxDepth = maxDepth, Scope = scope, RespectNoFollow = respectNoFollow, MaxLinksPerPage = maxLinksPerPage });

    private static FetchResponse Html(string body) => new() { Status = 200, ContentType = "text/html", Html = body, Bytes = body.Length };

    [Fact]
    public void Process_HtmlPage_FollowsNormalizedInScopeLinksOnceEach()
    {
        var page = Html("""
            <title> Hello
              world </title>
            <a href="/b">b</a> <a href="b#x">b again</a> <a href="HTTP://SITE.TEST:80/c?z=1&a=2">c</a>
            <a href="http://other.test/">elsewhere</a> <a href="/nf" rel="nofollow">nf</a> <a href="/a">self</a>
            """);

        var processed = PageProcessor.Process("http://site.test/a", new Discovery(1, "http://site.test/"), page, Job(), Now);

        Assert.Equal("Hello world", processed.Result.Title);
        Assert.Equal(["http://site.test/b", "http://site.test/c?a=2&z=1"], processed.FollowUps.Select(f => f.Url));
        Assert.All(processed.FollowUps, f => Assert.Equal(new Discovery(2, "http://site.test/a"), f.Discovery));
        Assert.Equal(200, processed.Result.Status);
        Assert.Equal("http://site.test/", processed.Result.Parent);
    }

    [Fact]
    public void Process_AtMaxDepth_RecordsPageButFollowsNothing()
    {
        var processed = PageProcessor.Process("http://site.test/", new Discovery(2, null), Html("<a href='/x'>x</a>"), Job(maxDepth: 2), Now);

        Assert.Empty(processed.FollowUps);
        Assert.Equal(1, processed.Result.LinksFound);
    }

    [Fact]
    public void Process_Redirect_FollowsTargetAtSameDepthWithOneMoreHop()
    {
        var response = new FetchResponse { Status = 301, Location = "/target" };

        var processed = PageProcessor.Process("http://site.test/r", new Discovery(3, "http://site.test/", RedirectHops: 1), response, Job(), Now);

        var followUp = Assert.Single(processed.FollowUps);
        Assert.Equal("http://site.test/target", followUp.Url);
        Assert.Equal(3, followUp.Discovery.Depth);
        Assert.Equal("http://site.test/r", followUp.Discovery.Parent);
        Assert.Equal(2, followUp.Discovery.RedirectHops);
        Assert.Equal(["http://site.test/r"], followUp.Discovery.RedirectChain!);
        Assert.Equal("http://site.test/target", processed.Result.FinalUrl);
        Assert.Null(processed.Result.Error);
    }

    [Fact]
    public void Process_TooManyRedirects_RecordsErrorAndStops()
    {
        var response = new FetchResponse { Status = 302, Location = "/next" };

        var processed = PageProcessor.Process("http://site.test/r", new Discovery(0, null, PageProcessor.MaxRedirectHops), response, Job(), Now);

        Assert.Empty(processed.FollowUps);
        Assert.Contains("redirects", processed.Result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_ErrorStatus_RecordsStatusAndFollowsNothing()
    {
        var response = new FetchResponse { Status = 404, ContentType = "text/html", Html = "<a href='/x'>x</a>" };

        var processed = PageProcessor.Process("http://site.test/missing", new Discovery(1, null), response, Job(), Now);

        Assert.Equal(404, processed.Result.Status);
        Assert.Empty(processed.FollowUps);
    }

    [Fact]
    public void Process_FetchError_KeepsTheErrorMessage()
    {
        var response = new FetchResponse { Error = "connection refused" };

        var processed = PageProcessor.Process("http://site.test/", new Discovery(0, null), response, Job(), Now);

        Assert.Null(processed.Result.Status);
        Assert.Equal("connection refused", processed.Result.Error);
    }

    [Fact]
    public void Process_MetaNofollow_FollowsNothing()
    {
        var page = Html("<meta name='robots' content='nofollow'><a href='/x'>x</a>");

        var processed = PageProcessor.Process("http://site.test/", new Discovery(0, null), page, Job(), Now);

        Assert.Empty(processed.FollowUps);
    }

    [Fact]
    public void Process_MetaNofollowWithNoFollowIgnored_FollowsTheLinks()
    {
        var page = Html("<meta name='robots' content='nofollow'><a href='/x'>x</a>");

        var processed = PageProcessor.Process("http://site.test/", new Discovery(0, null), page, Job(respectNoFollow: false), Now);

        Assert.Equal(["http://site.test/x"], processed.FollowUps.Select(f => f.Url));
    }

    [Theory]
    [InlineData(true, new[] { "http://site.test/a" })]
    [InlineData(false, new[] { "http://site.test/a", "http://site.test/nf" })]
    public void Process_RelNofollow_IsSkippedOnlyWhenRespected(bool respect, string[] expected)
    {
        var page = Html("<a href='/a'>a</a><a href='/nf' rel='external NoFollow'>nf</a>");

        var processed = PageProcessor.Process("http://site.test/", new Discovery(0, null), page, Job(respectNoFollow: respect), Now);

        Assert.Equal(expected, processed.FollowUps.Select(f => f.Url));
    }

    [Fact]
    public void Process_MetaNoindex_IsRecordedAndLinksStillFollowed()
    {
        var page = Html("<meta name='ROBOTS' content='noindex'><a href='/x'>x</a>");

        var processed = PageProcessor.Process("http://site.test/", new Discovery(0, null), page, Job(), Now);

        Assert.True(processed.Result.NoIndex);
        Assert.Single(processed.FollowUps);
    }

    [Fact]
    public void Process_PageWithoutRobotsMeta_IsNotNoIndex()
    {
        var processed = PageProcessor.Process("http://site.test/", new Discovery(0, null), Html("<title>t</title>"), Job(), Now);

        Assert.False(processed.Result.NoIndex);
        Assert.Null(processed.Result.Canonical);
    }

    [Fact]
    public void Process_Canonical_IsRecordedResolvedAndNormalized()
    {
        var page = Html("<link rel='canonical' href='/Main?b=2&amp;a=1#top'><a href='/x'>x</a>");

        var processed = PageProcessor.Process("http://site.test/dir/page?utm=1", new Discovery(0, null), page, Job(), Now);

        Assert.Equal("http://site.test/Main?a=1&b=2", processed.Result.Canonical);
    }

    [Fact]
    public void Process_MoreLinksThanTheCap_TakesTheFirstOnesAndSaysSo()
    {
        var page = Html(string.Concat(Enumerable.Range(0, 10).Select(i => $"<a href='/l{i}'>{i}</a>")));

        var processed = PageProcessor.Process("http://site.test/", new Discovery(0, null), page, Job(maxLinksPerPage: 3), Now);

        Assert.Equal(["http://site.test/l0", "http://site.test/l1", "http://site.test/l2"], processed.FollowUps.Select(f => f.Url));
        Assert.Equal(10, processed.Result.LinksFound);
        Assert.Equal("links capped: only the first 3 distinct links of the page were read (10 found)", processed.Result.Error);
        Assert.Equal(200, processed.Result.Status);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:someone@site.test")]
    [InlineData("tel:+15551234")]
    [InlineData("data:text/html,<a href=/x>")]
    public void Process_NonPageSchemes_AreNotFollowed(string href)
    {
        var processed = PageProcessor.Process("http://site.test/", new Discovery(0, null), Html($"<a href=\"{href}\">x</a><a href='/ok'>ok</a>"), Job(), Now);

        Assert.Equal(["http://site.test/ok"], processed.FollowUps.Select(f => f.Url));
    }

    [Fact]
    public void Process_RedirectBackIntoItsChain_IsRecordedAsALoopAndNotFollowed()
    {
        var response = new FetchResponse { Status = 302, Location = "/a", Attempts = 1 };
        var discovery = new Discovery(0, "http://site.test/a", RedirectHops: 1, RedirectChain: ["http://site.test/a"]);

        var processed = PageProcessor.Process("http://site.test/b", discovery, response, Job(), Now);

        Assert.Empty(processed.FollowUps);
        Assert.Equal("http://site.test/a", processed.Result.FinalUrl);
        Assert.Equal("redirect loop: http://site.test/a -> http://site.test/b -> http://site.test/a; not followed", processed.Result.Error);
    }

    [Fact]
    public void Process_RedirectToItself_IsALoop()
    {
        var processed = PageProcessor.Process("http://site.test/a", new Discovery(0, null), new FetchResponse { Status = 301, Location = "http://SITE.test/a" }, Job(), Now);

        Assert.Empty(processed.FollowUps);
        Assert.StartsWith("redirect loop: ", processed.Result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_FailedFetch_RecordsItsAttempts()
    {
        var response = new FetchResponse { Error = "connection reset after 1000 body bytes (gave up after 3 attempts)", Attempts = 3 };

        var processed = PageProcessor.Process("http://site.test/", new Discovery(0, null), response, Job(), Now);

        Assert.Equal(3, processed.Result.Attempts);
        Assert.Equal(response.Error, processed.Result.Error);
    }
}

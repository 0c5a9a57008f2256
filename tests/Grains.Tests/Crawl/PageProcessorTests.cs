using Crawler.Grains.Crawl;
using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;

namespace Crawler.Grains.Tests.Crawl;

public sealed class PageProcessorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private static CompiledJob Job(int? maxDepth = null, CrawlScope scope = CrawlScope.Host) =>
        new(new CrawlJobSpec { Seeds = ["http://site.test/"], MaxDepth = maxDepth, Scope = scope });

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
        Assert.Equal(new Discovery(3, "http://site.test/r", 2), followUp.Discovery);
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
}

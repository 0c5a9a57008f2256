using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Crawler.SyntheticSite.Tests;

public sealed class SyntheticWebSiteServingTests : IClassFixture<RunningSiteFixture>
{
    private readonly SyntheticWebSite _site;
    private readonly HttpClient _client;

    public SyntheticWebSiteServingTests(RunningSiteFixture fixture)
    {
        _site = fixture.Site;
        _client = fixture.Client;
    }

    private SiteTarget FirstLinkOfKind(LinkKind kind, Func<SiteTarget, bool>? extra = null)
    {
        for (var page = 0; page < _site.Graph.PageCount; page++)
        {
            foreach (var link in _site.Graph.LinksOf(page))
            {
                if (link.Kind == kind && (extra is null || extra(link)))
                {
                    return link;
                }
            }
        }

        throw new InvalidOperationException($"No {kind} link in the graph.");
    }

    [Fact]
    public void Addresses_AfterStart_AreDistinctLoopbackPorts()
    {
        Assert.Equal(new Uri(_site.HostRoots[0].ToString()), _site.Root);
        Assert.Equal(2, _site.HostRoots.Count);
        Assert.All(_site.HostRoots, root => Assert.Equal("127.0.0.1", root.Host));
        Assert.Equal("127.0.0.2", _site.ExternalRoot.Host);
        Assert.Equal(2, _site.HostRoots.Select(root => root.Port).Distinct().Count());
        Assert.All(_site.HostRoots, root => Assert.Equal("/", root.AbsolutePath));
        Assert.Equal(RunningSiteFixture.SiteOptions, _site.Options);
    }

    [Fact]
    public async Task Get_Root_Returns200HtmlWithTitle()
    {
        using var response = await _client.GetAsync(_site.Root);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("<title>Page 0</title>", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PagePath_Returns200WithItsTitleOnItsHost()
    {
        var url = _site.PageUrl(5);

        using var response = await _client.GetAsync(new Uri(url));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(_site.HostRoots[1].ToString() + "p/5", url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Page 5</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Page 5</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Pages_SizeIsCloseToPageBytes()
    {
        for (var page = 0; page < 20; page++)
        {
            using var response = await _client.GetAsync(new Uri(_site.PageUrl(page)));
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.InRange(body.Length, RunningSiteFixture.SiteOptions.PageBytes - 40, RunningSiteFixture.SiteOptions.PageBytes + 40);
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task Get_SamePageTwice_ReturnsIdenticalBytes()
    {
        using var first = await _client.GetAsync(new Uri(_site.PageUrl(9)));
        using var second = await _client.GetAsync(new Uri(_site.PageUrl(9)));

        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_MissingPath_Returns404WithHtmlBody()
    {
        var url = _site.UrlOf(FirstLinkOfKind(LinkKind.NotFound));

        using var response = await _client.GetAsync(new Uri(url));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("/missing/", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, _site.StatusOf(url));
        Assert.Contains("<title>Not found</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RedirectPath_Returns301WithRelativeLocation()
    {
        var redirect = FirstLinkOfKind(LinkKind.Redirect, link => link.Page > 0);
        var url = _site.UrlOf(redirect);

        using var response = await _client.GetAsync(new Uri(url));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(301, _site.StatusOf(url));
        Assert.Equal("/p/" + redirect.Page.ToString(CultureInfo.InvariantCulture), response.Headers.Location?.OriginalString);
        Assert.Equal(_site.PageUrl(redirect.Page), new Uri(new Uri(url), response.Headers.Location!).ToString());
    }

    [Fact]
    public async Task Get_RedirectToPageZero_LocationIsSlash()
    {
        using var response = await _client.GetAsync(new Uri(_site.Root, "/r/0"));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(0, "/robots.txt")]
    [InlineData(0, "/favicon.ico")]
    [InlineData(0, "/p/0")]
    [InlineData(0, "/p/1")]
    [InlineData(0, "/p/007")]
    [InlineData(0, "/p/2?x=1")]
    [InlineData(0, "/p/2/")]
    [InlineData(0, "/p/100000")]
    [InlineData(0, "/r/1")]
    [InlineData(1, "/")]
    [InlineData(1, "/p/2")]
    public async Task Get_PathNotOfTheSite_Returns404(int host, string pathAndQuery)
    {
        var url = new Uri(_site.HostRoots[host], pathAndQuery);

        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, _site.StatusOf(url.ToString()));
    }

    [Fact]
    public async Task Get_ExternalPage_AnswersAndIsCountedAsExternal()
    {
        var url = _site.UrlOf(FirstLinkOfKind(LinkKind.External));
        var externalBefore = _site.ExternalRequests;
        var totalBefore = _site.TotalRequests;

        using var response = await _client.GetAsync(new Uri(url));
        var html = await response.Content.ReadAsStringAsync();

        Assert.StartsWith(_site.ExternalRoot.ToString() + "ext/", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, _site.StatusOf(url));
        Assert.DoesNotContain("href", html, StringComparison.Ordinal);
        Assert.Equal(externalBefore + 1, _site.ExternalRequests);
        Assert.Equal(totalBefore + 1, _site.TotalRequests);
        Assert.Equal(1, _site.RequestsFor(url));
    }

    [Fact]
    public async Task RequestsFor_EquivalentSpellings_CountsOneUrl()
    {
        var url = _site.PageUrl(11);
        var before = _site.RequestsFor(url);

        using (await _client.GetAsync(new Uri(url)))
        {
        }

        using (await _client.GetAsync(new Uri(url.Replace("http://", "HTTP://", StringComparison.Ordinal) + "#frag")))
        {
        }

        Assert.Equal(before + 2, _site.RequestsFor(url));
        Assert.Equal(before + 2, _site.RequestsFor(url.Replace("http://", "HTTP://", StringComparison.Ordinal)));
        Assert.Equal(0, _site.RequestsFor(_site.Root + "never/asked"));
    }

    [Fact]
    public void StatusOf_UrlOfAnotherServer_Throws()
    {
        Assert.Throws<ArgumentException>(() => _site.StatusOf("http://127.0.0.3:1/"));
        Assert.Throws<ArgumentException>(() => _site.StatusOf("not a url"));
    }

    [Fact]
    public async Task Hrefs_OnSeveralPages_ResolveExactlyToTheGraphTargets()
    {
        var hrefs = new List<string>();
        var pagesWithBase = 0;
        var areas = 0;
        for (var page = 0; page < 40; page++)
        {
            var pageUri = new Uri(_site.PageUrl(page));
            var html = await _client.GetStringAsync(pageUri);

            Assert.Equal(_site.TargetsOf(page).Order(), HtmlLinks.ResolvedTargets(pageUri, html).Order());
            hrefs.AddRange(HtmlLinks.Hrefs(html));
            pagesWithBase += HtmlLinks.BaseHref(html) is null ? 0 : 1;
            areas += HtmlLinks.AreaCount(html);
        }

        // The spellings must all occur, or the equality above proves less than it seems.
        Assert.True(pagesWithBase > 0, "no page carries a base href");
        Assert.True(areas > 0, "no link sits in an area element");
        Assert.Contains(hrefs, href => href.StartsWith("/p/", StringComparison.Ordinal) && !href.Contains('#', StringComparison.Ordinal));
        Assert.Contains(hrefs, href => href.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(hrefs, href => href.StartsWith("HTTP://", StringComparison.Ordinal));
        Assert.Contains(hrefs, href => href.StartsWith("http://127.0.0.2:", StringComparison.Ordinal));
        Assert.Contains(hrefs, href => href.Contains('#', StringComparison.Ordinal));
        Assert.Contains(hrefs, href => href.StartsWith("./", StringComparison.Ordinal));
        Assert.Contains(hrefs, href => href.StartsWith("../p/", StringComparison.Ordinal));
        Assert.Contains(hrefs, href => href.All(char.IsAsciiDigit));
        Assert.Contains(hrefs, href => href.StartsWith("/r/", StringComparison.Ordinal));
        Assert.Contains(hrefs, href => href.StartsWith("/missing/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hrefs_OnRootWithoutBase_AreNeverBareRelative()
    {
        var html = await _client.GetStringAsync(_site.Root);

        Assert.Null(HtmlLinks.BaseHref(html));
        Assert.All(HtmlLinks.Hrefs(html), href => Assert.True(href.StartsWith('/') || href.StartsWith("http", StringComparison.OrdinalIgnoreCase), href));
    }

    [Fact]
    public async Task Get_WithLatency_WaitsBeforeAnswering()
    {
        using var timeout = new CancellationTokenSource(TestHttp.Timeout);
        var latency = TimeSpan.FromMilliseconds(150);
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 10, Latency = latency }, timeout.Token);

        var clock = Stopwatch.StartNew();
        using var response = await _client.GetAsync(site.Root, timeout.Token);
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= latency - TimeSpan.FromMilliseconds(10), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task DisposeAsync_AfterStop_RefusesConnections()
    {
        using var timeout = new CancellationTokenSource(TestHttp.Timeout);
        var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 10 }, timeout.Token);
        using var client = TestHttp.CreateClient();
        using (var response = await client.GetAsync(site.Root, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await site.DisposeAsync();
        await site.DisposeAsync();

        using var fresh = TestHttp.CreateClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync(site.Root, timeout.Token));
    }

    [Fact]
    public async Task StartAsync_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SyntheticWebSite.StartAsync(new SiteOptions(), cancelled.Token));
    }
}

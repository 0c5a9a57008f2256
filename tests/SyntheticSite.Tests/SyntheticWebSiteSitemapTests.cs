using System.Net;
using System.Text.RegularExpressions;

namespace Crawler.SyntheticSite.Tests;

public sealed partial class SyntheticWebSiteSitemapTests : IDisposable
{
    private readonly CancellationTokenSource _guard = new(TestHttp.Timeout);

    public void Dispose() => _guard.Dispose();

    [Fact]
    public async Task Get_SitemapXml_ListsTheRootAndEverySitemapOnlyPage()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 20, Hosts = 2, SitemapOnlyPages = 3 }, _guard.Token);
        using var client = TestHttp.CreateClient();

        using var response = await client.GetAsync(new Uri(site.Root, "/sitemap.xml"), _guard.Token);
        var xml = await response.Content.ReadAsStringAsync(_guard.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([site.Root.ToString(), .. site.SitemapOnlyUrls], Loc().Matches(xml).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Get_SitemapOnlyPage_IsServedButNotReachableByLinks()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 20, SitemapOnlyPages = 2 }, _guard.Token);
        using var client = TestHttp.CreateClient();

        using var page = await client.GetAsync(site.SitemapOnlyUrls[1], _guard.Token);
        using var beyond = await client.GetAsync(new Uri(site.Root, "/sitemap-only/2"), _guard.Token);
        using var padded = await client.GetAsync(new Uri(site.Root, "/sitemap-only/01"), _guard.Token);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("href=\"/\"", await page.Content.ReadAsStringAsync(_guard.Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, padded.StatusCode);
        Assert.DoesNotContain(site.SitemapOnlyUrls[1], site.Reachable(SiteScope.AllHosts));
        Assert.Equal(1, site.RequestsFor(site.SitemapOnlyUrls[1]));
    }

    [Fact]
    public async Task Get_SitemapXml_WithoutSitemapPages_Is404()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 20 }, _guard.Token);
        using var client = TestHttp.CreateClient();

        using var response = await client.GetAsync(new Uri(site.Root, "/sitemap.xml"), _guard.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(site.SitemapOnlyUrls);
    }

    [Fact]
    public async Task Get_SitemapXml_OnAnotherHost_Is404()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 20, Hosts = 2, SitemapOnlyPages = 2 }, _guard.Token);
        using var client = TestHttp.CreateClient();

        using var response = await client.GetAsync(new Uri(site.HostRoots[1], "/sitemap.xml"), _guard.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Validate_NegativeSitemapOnlyPages_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SiteOptions { SitemapOnlyPages = -1 }.Validate());
    }

    [GeneratedRegex("<loc>([^<]*)</loc>")]
    private static partial Regex Loc();
}

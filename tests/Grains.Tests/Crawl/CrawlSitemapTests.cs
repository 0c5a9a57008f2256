using Crawler.Grains.Interfaces;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.SyntheticSite;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.Grains.Tests.Crawl;

/// <summary>Sitemaps as seeds, end to end: pages only a sitemap lists are crawled, and the counts stay exact.</summary>
public sealed class CrawlSitemapTests
{
    [Fact]
    public async Task Crawl_WithSitemaps_CrawlsPagesOnlyTheSitemapListsAndCompletesExactly()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 200, Hosts = 2, SitemapOnlyPages = 30 }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 2);

        var (status, results) = await cluster.CrawlAsync("sitemaps", new CrawlJobSpec
        {
            Seeds = [site.Root.ToString()],
            Scope = CrawlScope.Domain,
            MinDelay = TimeSpan.Zero,
            UseSitemaps = true,
        });

        var expected = site.Reachable(SiteScope.AllHosts).Concat(site.SitemapOnlyUrls).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(expected, results.Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, status.Done);
        Assert.Equal(expected.Count, status.Discovered);
        Assert.All(site.SitemapOnlyUrls, url => Assert.Equal(1, site.RequestsFor(url)));
        Assert.Equal(1, site.RequestsFor(new Uri(site.Root, "/sitemap.xml").ToString()));
        var fromSitemap = Assert.Single(results, r => r.Url == site.SitemapOnlyUrls[0]);
        Assert.Equal(0, fromSitemap.Depth);
        Assert.Equal(new Uri(site.Root, "/sitemap.xml").ToString(), fromSitemap.Parent);
    }

    [Fact]
    public async Task Crawl_WithoutSitemaps_NeverReadsTheSitemap()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 50, SitemapOnlyPages = 5 }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        var (status, results) = await cluster.CrawlAsync("no-sitemaps", new CrawlJobSpec { Seeds = [site.Root.ToString()], MinDelay = TimeSpan.Zero });

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(site.Reachable(SiteScope.RootHost).Order(StringComparer.Ordinal), results.Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.Equal(0, site.RequestsFor(new Uri(site.Root, "/sitemap.xml").ToString()));
    }

    [Fact]
    public async Task Crawl_RobotsListsAGzipSitemapIndex_FollowsItToEveryListedPage()
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = RobotsBehavior.WithSitemaps }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        var (status, results) = await cluster.CrawlAsync("robots-sitemaps", new CrawlJobSpec
        {
            // The seed itself links nowhere: every other page comes from the sitemaps.
            Seeds = [server.UrlOf(HostilePaths.FromSitemap(0)).ToString()],
            MinDelay = TimeSpan.Zero,
            Exclude = ["/many-links", "/calendar/", "/slow-headers", "/endless", "/trap/", "/redirect", "/too-many", "/429", "/503", "/gzip", "/reset", "/lying"],
            UseSitemaps = true,
        });

        Assert.Equal(JobState.Completed, status.State);
        var fetched = results.Select(r => new Uri(r.Url).AbsolutePath).ToHashSet(StringComparer.Ordinal);
        Assert.All(Enumerable.Range(0, HostilePaths.FromSitemapCount), i => Assert.Contains(HostilePaths.FromSitemap(i), fetched));
        Assert.Equal(1, server.RequestsFor(HostilePaths.SitemapIndex));
        Assert.Equal(1, server.RequestsFor(HostilePaths.SitemapXmlGzip));
        Assert.Equal(1, server.RequestsFor(HostilePaths.SitemapText));
        Assert.Equal(0, server.RequestsFor("/sitemap.xml"));
        Assert.Equal(results.Count, status.Done);
        Assert.Equal(server.UrlOf(HostilePaths.SitemapText).ToString(), Assert.Single(results, r => r.Url.EndsWith(HostilePaths.FromSitemap(9), StringComparison.Ordinal)).Parent);
    }

    [Fact]
    public async Task Crawl_SitemapMissing_CompletesWithTheLinkedPagesOnly()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 40 }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        var (status, results) = await cluster.CrawlAsync("sitemap-404", new CrawlJobSpec { Seeds = [site.Root.ToString()], MinDelay = TimeSpan.Zero, UseSitemaps = true });

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(site.Reachable(SiteScope.RootHost).Order(StringComparer.Ordinal), results.Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.Equal(1, site.RequestsFor(new Uri(site.Root, "/sitemap.xml").ToString()));
    }

    [Fact]
    public async Task Crawl_SeedDoneLongBeforeTheSlowSitemap_CompletesOnlyAfterTheSitemapUrls()
    {
        // The seed is refused at once by a trap guard, while every answer of the site takes 300 ms: a job that did not
        // wait for its seed host's sitemaps would complete with the seed alone.
        await using var site = await SyntheticWebSite.StartAsync(
            new SiteOptions { Pages = 5, SitemapOnlyPages = 4, Latency = TimeSpan.FromMilliseconds(300) },
            CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);
        var trappedSeed = new Uri(site.Root, "/x/x/x/x/x").ToString();

        var (status, results) = await cluster.CrawlAsync("slow-sitemap", new CrawlJobSpec
        {
            Seeds = [trappedSeed],
            MinDelay = TimeSpan.Zero,
            MaxDepth = 0,
            UseSitemaps = true,
        });

        Assert.Equal(JobState.Completed, status.State);
        Assert.StartsWith("not fetched: spider-trap guard", Assert.Single(results, r => r.Url == trappedSeed).Error, StringComparison.Ordinal);
        var expected = site.SitemapOnlyUrls.Append(site.Root.ToString()).Append(trappedSeed).Order(StringComparer.Ordinal);
        Assert.Equal(expected, results.Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.Equal(results.Count, status.Done);
    }
}

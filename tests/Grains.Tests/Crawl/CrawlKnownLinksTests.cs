using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Grains.Tests.Crawl;

/// <summary>Links to URLs a silo knows were discovered are not sent again: far fewer turns, the same results.</summary>
public sealed class CrawlKnownLinksTests
{
    private static readonly string DiscoverMethod = $"{typeof(IUrlGrain).FullName}.{nameof(IUrlGrain.DiscoverAsync)}";

    [Fact]
    public async Task Crawl_KnownLinksLeftOut_SameExactResultsWithFarFewerDiscoveries()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 600, Hosts = 3 }, CancellationToken.None);
        var spec = new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()], Scope = CrawlScope.Domain };
        var expected = site.Reachable(SiteScope.AllHosts).Order(StringComparer.Ordinal).ToList();

        var (everyLink, everyLinkTurns) = await CrawlAsync(spec, knownUrls: 0);
        var (knownLeftOut, knownLeftOutTurns) = await CrawlAsync(spec, knownUrls: CrawlerOptions.DefaultKnownUrls);

        Assert.Equal(expected, everyLink.Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.Equal(expected, knownLeftOut.Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.True(
            knownLeftOutTurns * 3 < everyLinkTurns,
            $"{knownLeftOutTurns} discovery turns with known links left out, {everyLinkTurns} with every link sent");
    }

    [Fact]
    public async Task Crawl_MaxDepthWithKnownLinksLeftOut_StillFollowsShorterPathsToTheDepthLimit()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 500, Hosts = 2 }, CancellationToken.None);

        var (results, _) = await CrawlAsync(
            new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()], Scope = CrawlScope.Domain, MaxDepth = 3 },
            knownUrls: CrawlerOptions.DefaultKnownUrls,
            silos: 2);

        // Reached within the limit only by a path shorter than the first one found: sent again at the shorter depth.
        Assert.Equal(site.Reachable(SiteScope.AllHosts, maxDepth: 3).Order(StringComparer.Ordinal), results.Select(r => r.Url).Order(StringComparer.Ordinal));
    }

    private static async Task<(IReadOnlyList<CrawlResult> Results, long DiscoverTurns)> CrawlAsync(CrawlJobSpec spec, int knownUrls, int silos = 1)
    {
        await using var cluster = await CrawlTestCluster.StartAsync(silos, configureCrawler: options => options.KnownUrls = knownUrls);
        var (status, results) = await cluster.CrawlAsync("known-links", spec);
        Assert.Equal(JobState.Completed, status.State);
        var turns = cluster.Cluster.Silos.Sum(s => s.Statistics.TurnsByMethod.GetValueOrDefault(DiscoverMethod));
        return (results, turns);
    }
}

using Crawler.Grains.Interfaces;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Grains.Tests.Crawl;

public sealed class CrawlEndToEndTests
{
    [Fact]
    public async Task Crawl_TwoThousandPagesOnFiveHosts_ResultsEqualReachableSetExactly()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 2000, Hosts = 5 }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 2);

        var (status, results) = await cluster.CrawlAsync("e2e", new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()], Scope = CrawlScope.Domain });

        var expected = site.Reachable(SiteScope.AllHosts);
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(expected.Count, results.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), results.Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, status.Done);
        Assert.Equal(0, site.ExternalRequests);
        foreach (var result in results)
        {
            Assert.Equal(site.StatusOf(result.Url), result.Status);
            Assert.Equal(1, site.RequestsFor(result.Url));
        }

        Assert.Contains(results, r => r.Status == 404);
        Assert.Contains(results, r => r.Status == 301);
        Assert.All(results.Where(r => r.Status == 200), r => Assert.StartsWith("Page ", r.Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Crawl_HostScope_StaysOnTheSeedHost()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 300, Hosts = 3 }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        var (status, results) = await cluster.CrawlAsync("host-scope", new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()] });

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(site.Reachable(SiteScope.RootHost).Order(StringComparer.Ordinal), results.Select(r => r.Url).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Crawl_MaxDepth_FollowsOnlyThatManyHops()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 500, Hosts = 2 }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        var (_, results) = await cluster.CrawlAsync("depth", new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()], Scope = CrawlScope.Domain, MaxDepth = 2 });

        Assert.Equal(site.Reachable(SiteScope.AllHosts, maxDepth: 2).Order(StringComparer.Ordinal), results.Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.InRange(r.Depth, 0, 2));
    }

    [Fact]
    public async Task Crawl_MaxPages_FetchesExactlyThatManyAndCompletes()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 500 }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 2);

        var (status, results) = await cluster.CrawlAsync("limit", new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()], MaxPages = 40 });

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(40, results.Count);
        Assert.Equal(40, results.Select(r => r.Url).Distinct().Count());
        Assert.True(status.Skipped > 0);
    }

    [Fact]
    public async Task Cancel_RunningJob_StopsFetchingAndReportsCancelled()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 3000, Latency = TimeSpan.FromMilliseconds(20) }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);
        await cluster.Jobs.StartAsync("cancel", new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()], PerHostConcurrency = 2 }, CancellationToken.None);
        await Eventually.ReachAsync(() => cluster.Jobs.GetStatusAsync("cancel", CancellationToken.None), s => s.Done >= 20, CrawlTestCluster.CrawlTimeout);

        var cancelled = await cluster.Jobs.CancelAsync("cancel", CancellationToken.None);
        var requestsAtCancel = site.TotalRequests;
        var drained = await Eventually.ReachAsync(
            () => cluster.Jobs.GetStatusAsync("cancel", CancellationToken.None),
            s => s.Queued == 0 && s.InFlight == 0 && s.Discovered == s.Done + s.Skipped,
            CrawlTestCluster.CrawlTimeout);

        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Equal(JobState.Cancelled, drained.State);
        Assert.True(drained.Done < 3000, $"a cancelled job fetched {drained.Done} pages");
        Assert.True(site.TotalRequests <= requestsAtCancel + 2, "fetches went on after cancel beyond the ones in flight");
        Assert.Equal(drained.Discovered, drained.Done + drained.Skipped);
    }
}

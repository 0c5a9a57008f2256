using Crawler.Grains.Interfaces;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Grains.Tests.Crawl;

/// <summary>A polite host line longer than one grain call may wait must not lose URLs nor stall the job.</summary>
public sealed class CrawlHostLineTests
{
    [Fact]
    public async Task Crawl_HostLineLongerThanTheGrainCallTimeout_StillFetchesEveryPageOnceAndCompletes()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 60, MinLinks = 20, MaxLinks = 30 }, CancellationToken.None);

        // Every URL of the host waits in one line, one fetch at a time 50 ms apart, far longer in all than a call may wait.
        await using var cluster = await CrawlTestCluster.StartAsync(
            silos: 1,
            silo => silo.ResponseTimeout = TimeSpan.FromSeconds(2),
            crawler => crawler.MaxSlotWait = TimeSpan.FromMilliseconds(200));

        var (status, results) = await cluster.CrawlAsync("long-line", new CrawlJobSpec
        {
            Seeds = [site.Root.ToString()],
            PerHostConcurrency = 1,
            MinDelay = TimeSpan.FromMilliseconds(50),
            Adaptive = false,
        });

        var expected = site.Reachable(SiteScope.RootHost);
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(expected.Order(StringComparer.Ordinal), results.Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.All(expected, url => Assert.Equal(1, site.RequestsFor(url)));
        Assert.Equal(expected.Count, status.Discovered);
    }
}

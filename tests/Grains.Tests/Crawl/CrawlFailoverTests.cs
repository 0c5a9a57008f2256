using Crawler.Grains.Interfaces;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Grains.Tests.Crawl;

public sealed class CrawlFailoverTests
{
    [Fact]
    public async Task KillSilo_MidCrawl_PartitionsMoveAndEveryPageIsRecordedOnce()
    {
        await using var site = await SyntheticWebSite.StartAsync(
            new SiteOptions { Pages = 1500, Hosts = 8, Latency = TimeSpan.FromMilliseconds(2) },
            CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 3, options => options.LeaseDuration = TimeSpan.FromSeconds(1));
        var expected = site.Reachable(SiteScope.AllHosts);
        await cluster.Jobs.StartAsync("failover", new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()], Scope = CrawlScope.Domain }, CancellationToken.None);

        await Eventually.ReachAsync(
            () => cluster.Jobs.GetStatusAsync("failover", CancellationToken.None),
            s => s.Done >= expected.Count / 3,
            CrawlTestCluster.CrawlTimeout);
        var victim = cluster.Cluster.Silos.First(s => s.OwnedPartitions.Count > 0);
        var movedPartitions = victim.OwnedPartitions;
        cluster.Cluster.KillSilo(victim);

        using var timeout = new CancellationTokenSource(CrawlTestCluster.CrawlTimeout);
        var status = await cluster.Jobs.WaitForCompletionAsync("failover", TimeSpan.FromMilliseconds(50), null, timeout.Token);
        var results = await cluster.Jobs.ReadResultsAsync("failover", 0, int.MaxValue, timeout.Token);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(expected.Order(StringComparer.Ordinal), results.Select(r => r.Url).Order(StringComparer.Ordinal));
        var survivors = cluster.Cluster.Silos.SelectMany(s => s.OwnedPartitions).ToHashSet();
        Assert.All(movedPartitions, p => Assert.Contains(p, survivors));
    }
}

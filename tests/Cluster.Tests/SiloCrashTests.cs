using Crawler.Cluster.Tests.Infrastructure;
using Crawler.Grains.Interfaces;
using Crawler.SyntheticSite;
using Crawler.Testing.Postgres;
using Xunit.Abstractions;

namespace Crawler.Cluster.Tests;

public sealed class SiloCrashTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Crawl_SiloKilledHalfWay_CompletesWithEveryReachablePageExactlyOnce()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 5_000, Hosts = 20 }, CancellationToken.None);
        await using var cluster = SiloCluster.OnTestServer(new ClusterSettings(), output);
        string[] ids = ["silo-a", "silo-b", "silo-c"];
        await cluster.StartBalancedAsync(ids);
        const string JobId = "killed";

        // The silo that runs the job's grain: every URL asks it for a go-ahead, so its death is felt everywhere.
        var jobPartition = cluster.PartitionOf(typeof(ICrawlJobGrain), JobId);
        var victimId = (await cluster.OwnersAsync()).Single(o => o.Value.Contains(jobPartition)).Key;
        var victim = cluster.Silos.Single(s => s.SiloId == victimId);
        var reachable = site.Reachable(SiteScope.AllHosts).Count;
        await Crawls.StartAsync(cluster, JobId, site);
        await Crawls.WaitForDoneAsync(cluster, JobId, reachable / 2);
        var held = (await cluster.LeasesAsync()).Where(l => l.Owner == victimId).ToList();
        var doneBefore = (await cluster.Jobs.GetStatusAsync(JobId, CancellationToken.None)).Done;

        victim.Kill();
        var (status, results) = await Crawls.WaitForCompletionAsync(cluster, JobId);

        Crawls.AssertExactlyReachable(site, status, results);
        Assert.True(doneBefore < reachable, "the silo was killed before the crawl was over");
        var after = (await cluster.LeasesAsync()).ToDictionary(l => l.Partition);
        Assert.NotEmpty(held);
        Assert.All(held, lease => Assert.True(
            after[lease.Partition].Owner != victimId && after[lease.Partition].Epoch > lease.Epoch,
            $"partition {lease.Partition} was taken over from the killed silo"));
    }
}

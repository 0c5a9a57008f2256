using Crawler.Cluster.Tests.Infrastructure;
using Crawler.Grains.Interfaces;
using Crawler.Runtime.Substrate;
using Crawler.SyntheticSite;
using Crawler.Testing.Postgres;
using Xunit.Abstractions;

namespace Crawler.Cluster.Tests;

public sealed class SiloShutdownTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Crawl_SiloTerminated_HandsItsPartitionsOverWithoutWaitingForItsLeases()
    {
        // Leases far longer than the test may wait: only a handover can move the partitions in time.
        var settings = new ClusterSettings { LeaseDuration = TimeSpan.FromSeconds(60) };
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 2_000, Hosts = 10 }, CancellationToken.None);
        await using var cluster = SiloCluster.OnTestServer(settings, output);
        string[] ids = ["silo-a", "silo-b", "silo-c"];
        await cluster.StartBalancedAsync(ids);
        const string JobId = "terminated";

        // The silo of the job's grain: calls to it are in flight from every silo while it leaves.
        var jobPartition = cluster.PartitionOf(typeof(ICrawlJobGrain), JobId);
        var leaverId = (await cluster.OwnersAsync()).Single(o => o.Value.Contains(jobPartition)).Key;
        var leaver = cluster.Silos.Single(s => s.SiloId == leaverId);
        string[] stayers = [.. ids.Where(id => id != leaverId)];
        var reachable = site.Reachable(SiteScope.AllHosts).Count;
        await Crawls.StartAsync(cluster, JobId, site);
        await Crawls.WaitForDoneAsync(cluster, JobId, reachable / 4);
        var held = (await cluster.LeasesAsync()).Where(l => l.Owner == leaverId).ToList();

        leaver.Terminate();
        Assert.Equal(0, await leaver.WaitForExitAsync());
        await cluster.WaitUntilBalancedAsync(stayers);
        var movedAt = DateTimeOffset.UtcNow;

        var after = (await cluster.LeasesAsync()).ToDictionary(l => l.Partition);
        Assert.NotEmpty(held);
        Assert.All(held, lease =>
        {
            var now = after[lease.Partition];
            Assert.Contains(now.Owner, stayers);
            Assert.True(now.Epoch > lease.Epoch, $"partition {lease.Partition} changed hands under a new epoch");

            // Its lease still had most of a minute to run: it was released, not left to expire.
            Assert.True(lease.ExpiresAt > movedAt, $"partition {lease.Partition} moved before its old lease ran out");
        });
        Assert.Equal(SiloStatus.Dead, (await cluster.FindSiloAsync(leaverId))!.Status);

        var (status, results) = await Crawls.WaitForCompletionAsync(cluster, JobId);
        Crawls.AssertExactlyReachable(site, status, results);
    }
}

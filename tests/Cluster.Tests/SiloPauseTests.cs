using Crawler.Cluster.Tests.Infrastructure;
using Crawler.Grains.Interfaces;
using Crawler.SyntheticSite;
using Crawler.Testing.Postgres;
using Xunit.Abstractions;

namespace Crawler.Cluster.Tests;

public sealed class SiloPauseTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Crawl_SiloPausedPastItsLeases_IsFencedOffItsMovedPartitionsAndNoPageAppearsTwice()
    {
        // Slow pages, so the silo is frozen with fetches and commits under way.
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 3_000, Hosts = 20, Latency = TimeSpan.FromMilliseconds(20) }, CancellationToken.None);
        await using var cluster = SiloCluster.OnTestServer(new ClusterSettings(), output);
        string[] ids = ["silo-a", "silo-b", "silo-c"];
        await cluster.StartBalancedAsync(ids);
        const string JobId = "paused";
        var jobPartition = cluster.PartitionOf(typeof(ICrawlJobGrain), JobId);
        var pausedId = (await cluster.OwnersAsync()).First(o => !o.Value.Contains(jobPartition)).Key;
        var paused = cluster.Silos.Single(s => s.SiloId == pausedId);
        var reachable = site.Reachable(SiteScope.AllHosts).Count;
        await Crawls.StartAsync(cluster, JobId, site);
        await Crawls.WaitForDoneAsync(cluster, JobId, reachable / 4);
        var held = (await cluster.LeasesAsync()).Where(l => l.Owner == pausedId).ToList();

        paused.Pause();
        try
        {
            // Its leases run out while it is frozen, and the others take its partitions under new epochs.
            await SiloCluster.WaitUntilAsync(
                async () =>
                {
                    var now = DateTimeOffset.UtcNow;
                    var leases = (await cluster.LeasesAsync()).ToDictionary(l => l.Partition);
                    return held.All(l => leases[l.Partition] is { Owner: { } owner } moved && owner != pausedId && moved.Epoch > l.Epoch && !moved.IsFree(now));
                },
                TimeSpan.FromSeconds(60),
                $"the partitions of the frozen {pausedId} move to the others");
        }
        finally
        {
            paused.Resume();
        }

        // Thawed, it finds its leases gone and drops every partition it held; whatever it still had to commit is refused.
        await SiloCluster.WaitUntilAsync(
            async () => (await paused.StatusAsync(cluster.Http, CancellationToken.None)).GetProperty("partitionsLost").GetInt64() >= held.Count,
            TimeSpan.FromSeconds(30),
            $"{pausedId} drops the partitions it lost");
        var (status, results) = await Crawls.WaitForCompletionAsync(cluster, JobId);

        Crawls.AssertExactlyReachable(site, status, results);
        var thawed = await paused.StatusAsync(cluster.Http, CancellationToken.None);
        output.WriteLine($"{pausedId} after the pause: {thawed}");
        Assert.False(paused.HasExited);
    }
}

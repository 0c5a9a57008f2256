using Crawler.Cluster.Tests.Infrastructure;
using Crawler.SyntheticSite;
using Crawler.Testing.Postgres;
using Xunit.Abstractions;

namespace Crawler.Cluster.Tests;

public sealed class ClusterRestartTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Crawl_EverySiloStoppedMidJob_CompletesOnceStartedAgainWithNothingLostOrDoubled()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 3_000, Hosts = 10 }, CancellationToken.None);
        await using var cluster = SiloCluster.OnTestServer(new ClusterSettings(), output);
        string[] ids = ["silo-a", "silo-b"];
        await cluster.StartBalancedAsync(ids);
        const string JobId = "restarted-cluster";
        var reachable = site.Reachable(SiteScope.AllHosts).Count;
        await Crawls.StartAsync(cluster, JobId, site);
        await Crawls.WaitForDoneAsync(cluster, JobId, reachable / 2);

        // One dies at once, the other leaves as an operator stops it: nothing runs the job any more.
        var (killed, stopped) = (cluster.Silos[0], cluster.Silos[1]);
        killed.Kill();
        stopped.Terminate();
        await killed.WaitForExitAsync();
        Assert.Equal(0, await stopped.WaitForExitAsync());
        var recordedWhileDown = (await cluster.Jobs.ReadResultsAsync(JobId, 0, int.MaxValue, CancellationToken.None)).Count;

        await cluster.StartBalancedAsync(ids);
        var (status, results) = await Crawls.WaitForCompletionAsync(cluster, JobId);

        Crawls.AssertExactlyReachable(site, status, results);
        Assert.InRange(recordedWhileDown, 1, reachable - 1);
    }
}

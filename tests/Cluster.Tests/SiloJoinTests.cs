using Crawler.Cluster.Tests.Infrastructure;
using Crawler.Grains.Interfaces;
using Crawler.SyntheticSite;
using Crawler.Testing.Postgres;
using Xunit.Abstractions;

namespace Crawler.Cluster.Tests;

public sealed class SiloJoinTests(ITestOutputHelper output)
{
    /// <summary>Turned once per fetch (or per fetch the job refused) by a URL grain, on the silo that holds the URL.</summary>
    private static readonly string FetchSlotReleased = $"{typeof(IHostGrain).FullName}.{nameof(IHostGrain.ReleaseFetchSlotAsync)}";

    [PostgresFact]
    public async Task Crawl_SiloStartedMidCrawl_TakesPartitionsAndFetchesPages()
    {
        // Slow pages (100 ms), so the crawl outlasts a silo process starting and taking its share.
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 3_000, Hosts = 20, Latency = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
        await using var cluster = SiloCluster.OnTestServer(new ClusterSettings(), output);
        await cluster.StartSiloAsync("silo-a");
        await cluster.StartSiloAsync("silo-b");
        await cluster.WaitUntilBalancedAsync("silo-a", "silo-b");
        const string JobId = "joined";
        var reachable = site.Reachable(SiteScope.AllHosts).Count;
        await Crawls.StartAsync(cluster, JobId, site);
        await Crawls.WaitForDoneAsync(cluster, JobId, reachable / 10);

        var joined = await cluster.StartSiloAsync("silo-c");
        await cluster.WaitUntilBalancedAsync("silo-a", "silo-b", "silo-c");
        var doneWhenBalanced = (await cluster.Jobs.GetStatusAsync(JobId, CancellationToken.None)).Done;
        var (status, results) = await Crawls.WaitForCompletionAsync(cluster, JobId);

        Crawls.AssertExactlyReachable(site, status, results);
        Assert.True(doneWhenBalanced < reachable, "the new silo had its share before the crawl was over");
        var fetches = await joined.TurnsAsync(cluster.Http, FetchSlotReleased, CancellationToken.None);
        output.WriteLine($"silo-c fetched {fetches} of {reachable} pages");
        Assert.True(fetches > 0, "the silo that joined fetched pages");
    }
}

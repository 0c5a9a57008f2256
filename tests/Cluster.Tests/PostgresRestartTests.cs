using Crawler.Cluster.Tests.Infrastructure;
using Crawler.SyntheticSite;
using Xunit.Abstractions;

namespace Crawler.Cluster.Tests;

public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    [PrivatePostgresFact]
    public async Task Crawl_PostgresRestartedMidCrawl_SilosReconnectAndNothingIsLost()
    {
        await using var server = await PrivatePostgres.StartAsync();
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 3_000, Hosts = 10 }, CancellationToken.None);
        await using var cluster = SiloCluster.OnServer(server.ConnectionString, new ClusterSettings(), output);
        await cluster.StartSiloAsync("silo-a");
        await cluster.StartSiloAsync("silo-b");
        await cluster.WaitUntilBalancedAsync("silo-a", "silo-b");
        const string JobId = "restarted";
        var reachable = site.Reachable(SiteScope.AllHosts).Count;
        await Crawls.StartAsync(cluster, JobId, site);
        await Crawls.WaitForDoneAsync(cluster, JobId, reachable / 3);
        var doneBefore = (await cluster.Jobs.GetStatusAsync(JobId, CancellationToken.None)).Done;

        await server.RestartAsync(TimeSpan.FromSeconds(2));
        var restartedAt = DateTimeOffset.UtcNow;
        var (status, results) = await Crawls.WaitForCompletionAsync(cluster, JobId);

        Crawls.AssertExactlyReachable(site, status, results);
        Assert.True(doneBefore < reachable, "the server went down before the crawl was over");
        Assert.All(cluster.Silos, silo => Assert.False(silo.HasExited, $"{silo.SiloId} is still running"));
        await cluster.WaitUntilBalancedAsync("silo-a", "silo-b");
        var silos = await cluster.Substrate.ListSilosAsync(CancellationToken.None);
        Assert.All(silos, silo => Assert.True(silo.Heartbeat > restartedAt, $"{silo.SiloId} heartbeats on the restarted server"));
    }
}

using Crawler.Grains.Interfaces;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.Grains.Tests.Crawl;

/// <summary>A job's network policy: its seeds' kind of address is reachable, metadata and other private kinds are not.</summary>
public sealed class CrawlNetworkSafetyTests
{
    private static CrawlJobSpec SsrfJob(HostileServer server, string seedHost = "127.0.0.1") => new()
    {
        Seeds = [new UriBuilder(server.UrlOf(HostilePaths.Ssrf)) { Host = seedHost }.Uri.ToString()],
        Scope = CrawlScope.Any,
        MaxDepth = 1,
        MinDelay = TimeSpan.Zero,
        RespectRobots = false,
    };

    [Fact]
    public async Task Crawl_LoopbackSeedLinkingIntoPrivateNetworks_FetchesLoopbackAndRefusesTheRestWithClearErrors()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        var (status, results) = await cluster.CrawlAsync("ssrf", SsrfJob(server));

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(200, Assert.Single(results, r => r.Url == server.UrlOf(HostilePaths.Ssrf).ToString()).Status);
        Assert.Equal(200, Assert.Single(results, r => r.Url == server.Root.ToString()).Status);
        var refused = results.Where(r => !r.Url.StartsWith(server.Root.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(HostilePaths.SsrfTargets.Count, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Null(r.Status);
            Assert.StartsWith("refused to connect to private address ", r.Error, StringComparison.Ordinal);
            Assert.Equal(1, r.Attempts);
        });
        Assert.Contains(refused, r => r.Error!.EndsWith("169.254.169.254 (cloud metadata)", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.Error!.EndsWith("10.0.0.1 (private)", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.Error!.EndsWith("(link-local)", StringComparison.Ordinal));
        Assert.Equal(refused.Count, status.Failed);
    }

    [Fact]
    public async Task Crawl_SeedNamedLocalhost_IsAllowedByWhatItResolvesTo()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        var (status, results) = await cluster.CrawlAsync("localhost-seed", SsrfJob(server, "localhost") with { MaxDepth = 0 });

        Assert.Equal(JobState.Completed, status.State);
        var seed = Assert.Single(results);
        Assert.Equal(200, seed.Status);
        Assert.Null(seed.Error);
        Assert.Equal(1, server.RequestsFor(HostilePaths.Ssrf));
    }

    [Fact]
    public async Task AcquireFetchSlot_RobotsFetchOfAJobWithoutLoopback_IsRefusedAndNotCachedForAJobWithIt()
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = RobotsBehavior.DisallowPrivate }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        // Its seed is a loopback literal, so the job may reach loopback; nothing listens on port 1, so it fetches nothing there.
        await cluster.CrawlAsync("loopback-job", new CrawlJobSpec { Seeds = ["http://127.0.0.1:1/"], MinDelay = TimeSpan.Zero });
        var host = cluster.Cluster.GrainFactory.GetGrain<IHostGrain>(HostKey.Of(server.Root.ToString()));

        var publicOnly = await host.AcquireFetchSlotAsync(new SlotRequest(1, TimeSpan.Zero, false, HostilePaths.PrivateSecret));
        var requestsAfterRefusal = server.RequestsFor(HostilePaths.Robots);
        var loopbackJob = await host.AcquireFetchSlotAsync(new SlotRequest(1, TimeSpan.Zero, false, HostilePaths.PrivateSecret, JobId: "loopback-job"));

        Assert.False(publicOnly.Allowed);
        Assert.Equal("refused to connect to private address 127.0.0.1 (loopback)", publicOnly.Reason);
        Assert.Equal(0, requestsAfterRefusal);
        Assert.False(loopbackJob.Allowed);
        Assert.Equal("disallowed by robots.txt", loopbackJob.Reason);
        Assert.Equal(1, server.RequestsFor(HostilePaths.Robots));
    }
}

using Crawler.Grains.Interfaces;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.Grains.Tests.Crawl;

public sealed class CrawlRobotsTests
{
    [Fact]
    public async Task Crawl_RobotsDisallowsPath_RecordsRefusalAndNeverFetchesIt()
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = RobotsBehavior.DisallowPrivate }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        var (status, results) = await cluster.CrawlAsync("robots-disallow", new CrawlJobSpec
        {
            Seeds = [server.Root.ToString()],
            MinDelay = TimeSpan.Zero,
            Include = ["/private/"],
        });

        Assert.Equal(JobState.Completed, status.State);
        var secret = Assert.Single(results, r => r.Url.EndsWith(HostilePaths.PrivateSecret, StringComparison.Ordinal));
        Assert.Null(secret.Status);
        Assert.Equal("disallowed by robots.txt", secret.Error);
        Assert.Equal(0, server.RequestsFor(HostilePaths.PrivateSecret));
        Assert.Equal(200, Assert.Single(results, r => r.Url == server.Root.ToString()).Status);
        Assert.Equal(0, status.Failed);
    }

    [Fact]
    public async Task Crawl_RobotsAnswers500_FetchesNothingAndCompletesWithClearError()
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = RobotsBehavior.Status500 }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        var (status, results) = await cluster.CrawlAsync("robots-500", new CrawlJobSpec { Seeds = [server.Root.ToString()], MinDelay = TimeSpan.Zero });

        Assert.Equal(JobState.Completed, status.State);
        var root = Assert.Single(results);
        Assert.Null(root.Status);
        Assert.StartsWith("robots.txt unreachable (HTTP 500)", root.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestsFor(HostilePaths.Root));
    }

    [Fact]
    public async Task Crawl_IgnoreRobots_FetchesDisallowedPath()
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = RobotsBehavior.DisallowPrivate }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        var (_, results) = await cluster.CrawlAsync("robots-ignored", new CrawlJobSpec
        {
            Seeds = [server.Root.ToString()],
            MinDelay = TimeSpan.Zero,
            Include = ["/private/"],
            RespectRobots = false,
        });

        Assert.Equal(200, Assert.Single(results, r => r.Url.EndsWith(HostilePaths.PrivateSecret, StringComparison.Ordinal)).Status);
        Assert.Equal(1, server.RequestsFor(HostilePaths.PrivateSecret));
    }
}

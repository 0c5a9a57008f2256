using System.Text.Json;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.Runtime;

namespace Crawler.Grains.Tests.Jobs;

public sealed class CrawlJobGrainTests
{
    // Nothing listens there: the seed's own fetch fails fast and the job is left with the test's page starts.
    private const string UnservedSeed = "http://127.0.0.1:9/";

    [Fact]
    public async Task TryStartPage_JobWithPageLimit_CommitsEachStartBeforeTheGoAhead()
    {
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);
        var job = cluster.Cluster.GrainFactory.GetGrain<ICrawlJobGrain>("limited");
        await job.StartAsync(new CrawlJobSpec { Seeds = [UnservedSeed], MaxPages = 1_000, RespectRobots = false });

        var starts = new List<PageStart>();
        for (var i = 0; i < 5; i++)
        {
            starts.Add(await job.TryStartPageAsync());
        }

        // What the substrate holds is what a job grain on another silo would start from after a failover.
        var committed = await CommittedStartsAsync(cluster, "limited");
        Assert.All(starts, s => Assert.Equal(PageStart.Go, s));
        Assert.True(committed >= 5, $"{committed} page starts committed after 5 go-aheads");
    }

    [Fact]
    public async Task TryStartPage_PageLimitReached_SkipsTheRest()
    {
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);
        var job = cluster.Cluster.GrainFactory.GetGrain<ICrawlJobGrain>("small");
        await job.StartAsync(new CrawlJobSpec { Seeds = [UnservedSeed], MaxPages = 3, RespectRobots = false });

        var starts = new List<PageStart>();
        for (var i = 0; i < 6; i++)
        {
            starts.Add(await job.TryStartPageAsync());
        }

        // The seed's URL may have taken one of the three itself.
        Assert.InRange(starts.Count(s => s == PageStart.Go), 2, 3);
        Assert.Equal(PageStart.Skip, starts[^1]);
    }

    private static async Task<long> CommittedStartsAsync(CrawlTestCluster cluster, string jobId)
    {
        var bytes = await cluster.Cluster.Substrate.ReadStateAsync(new GrainId("job", jobId), CancellationToken.None);
        Assert.NotNull(bytes);
        using var state = JsonDocument.Parse(bytes);
        return state.RootElement.EnumerateObject().Single(p => string.Equals(p.Name, "started", StringComparison.OrdinalIgnoreCase)).Value.GetInt64();
    }
}

using Crawler.Grains.Interfaces;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Grains.Tests.Crawl;

public sealed class CrawlPauseTests
{
    private static readonly TimeSpan QuickPauseCheck = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Pause_RunningJob_HoldsFetchingUntilResumedThenCompletesExactly()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 600, Latency = TimeSpan.FromMilliseconds(10) }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 2, configureCrawler: options => options.PauseCheck = QuickPauseCheck);
        var jobs = cluster.Jobs;
        await jobs.StartAsync("paused", new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()], PerHostConcurrency = 2 }, CancellationToken.None);
        await Eventually.ReachAsync(() => jobs.GetStatusAsync("paused", CancellationToken.None), s => s.Done >= 20, CrawlTestCluster.CrawlTimeout);

        var paused = await jobs.PauseAsync("paused", CancellationToken.None);
        var held = await Eventually.ReachAsync(
            () => jobs.GetStatusAsync("paused", CancellationToken.None),
            s => s.InFlight == 0 && s.Requeued > 0,
            CrawlTestCluster.CrawlTimeout);
        var requestsWhenHeld = site.TotalRequests;

        // URLs keep meeting the pause and getting in line again; none of them fetches (one host: no robots.txt either).
        var later = await Eventually.ReachAsync(
            () => jobs.GetStatusAsync("paused", CancellationToken.None),
            s => s.Requeued >= held.Requeued + 20,
            CrawlTestCluster.CrawlTimeout);
        Assert.Equal(JobState.Paused, paused.State);
        Assert.Equal(JobState.Paused, later.State);
        Assert.Equal(held.Done, later.Done);
        Assert.Equal(requestsWhenHeld, site.TotalRequests);
        Assert.True(later.Done < site.Reachable(SiteScope.RootHost).Count, "the job was over before it could be held");

        var resumed = await jobs.ResumeAsync("paused", CancellationToken.None);
        var status = await jobs.WaitForCompletionAsync("paused", TimeSpan.FromMilliseconds(20), null, CancellationToken.None);
        var results = await jobs.ReadResultsAsync("paused", 0, int.MaxValue, CancellationToken.None);

        Assert.Equal(JobState.Running, resumed.State);
        Assert.Equal(JobState.Completed, status.State);
        var expected = site.Reachable(SiteScope.RootHost);
        Assert.Equal(expected.Order(StringComparer.Ordinal), results.Select(r => r.Url).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal(1, site.RequestsFor(r.Url)));
        Assert.Equal(0, status.Skipped);
    }

    [Fact]
    public async Task Cancel_PausedJob_SkipsTheWaitingUrlsAndEnds()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 600, Latency = TimeSpan.FromMilliseconds(10) }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1, configureCrawler: options => options.PauseCheck = QuickPauseCheck);
        var jobs = cluster.Jobs;
        await jobs.StartAsync("stopped", new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()], PerHostConcurrency = 2 }, CancellationToken.None);
        await Eventually.ReachAsync(() => jobs.GetStatusAsync("stopped", CancellationToken.None), s => s.Done >= 20, CrawlTestCluster.CrawlTimeout);
        await jobs.PauseAsync("stopped", CancellationToken.None);
        await Eventually.ReachAsync(() => jobs.GetStatusAsync("stopped", CancellationToken.None), s => s.InFlight == 0 && s.Requeued > 0, CrawlTestCluster.CrawlTimeout);
        var requestsWhenHeld = site.TotalRequests;

        var cancelled = await jobs.CancelAsync("stopped", CancellationToken.None);
        var drained = await Eventually.ReachAsync(
            () => jobs.GetStatusAsync("stopped", CancellationToken.None),
            s => s.Queued == 0 && s.Discovered == s.Done + s.Skipped,
            CrawlTestCluster.CrawlTimeout);

        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Equal(JobState.Cancelled, drained.State);
        Assert.True(drained.Skipped > 0, "no waiting URL was skipped");
        Assert.Equal(requestsWhenHeld, site.TotalRequests);
    }

    [Fact]
    public async Task PauseAndResume_JobNotInTheirState_LeaveItUnchanged()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 20 }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);
        var (done, _) = await cluster.CrawlAsync("over", new CrawlJobSpec { MinDelay = TimeSpan.Zero, Seeds = [site.Root.ToString()] });

        var paused = await cluster.Jobs.PauseAsync("over", CancellationToken.None);
        var resumed = await cluster.Jobs.ResumeAsync("over", CancellationToken.None);
        var unknown = await cluster.Jobs.PauseAsync("never-started", CancellationToken.None);

        Assert.Equal(JobState.Completed, done.State);
        Assert.Equal(JobState.Completed, paused.State);
        Assert.Equal(JobState.Completed, resumed.State);
        Assert.Equal(JobState.Unknown, unknown.State);
    }
}

using Crawler.Grains.Interfaces;
using Crawler.Grains.Tests.Fetching;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.Grains.Traps;
using Crawler.SyntheticSite;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.Grains.Tests.Crawl;

/// <summary>
/// The "done when": each hostile case run as a whole crawl job on a silo. Every case must end with the job
/// completed, the URL's result holding a clear error (or, for traps, a guard's reason), memory bounded, and the silo
/// still crawling: a friendly site is crawled whole after each case. Memory is the managed heap: at most
/// <see cref="MaxRetainedBytes"/> kept after the job and at most <see cref="MaxPeakBytes"/> above the start while it
/// runs, far below the 1 GiB a gzip bomb or an endless body would take unguarded. The suite runs alone (the memory
/// collection), so no other test's allocations mix in.
/// </summary>
[Collection(MemoryMeasured.Name)]
public sealed class HostileJobTests(HostileJobFixture fixture) : IClassFixture<HostileJobFixture>
{
    private const long MaxRetainedBytes = 64L * 1024 * 1024;
    private const long MaxPeakBytes = 512L * 1024 * 1024;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static int _jobs;

    private CrawlTestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Crawl_SlowHeaders_EndsAtTheHeaderTimeoutAfterEveryAttempt()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.SlowHeaders);

        var result = await AssertHealthyAsync(run, HostilePaths.SlowHeaders);
        Assert.Null(result.Status);
        Assert.Equal($"no response headers within {HostileJobFixture.HeaderTimeout.TotalSeconds:0} s (gave up after {HostileJobFixture.MaxAttempts} attempts)", result.Error);
        Assert.Equal(HostileJobFixture.MaxAttempts, result.Attempts);
        Assert.Equal(1, run.Status.Failed);
    }

    [Fact]
    public async Task Crawl_EndlessBody_IsCutAtTheBodyLimit()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.Endless);

        var result = await AssertHealthyAsync(run, HostilePaths.Endless);
        Assert.Equal(200, result.Status);
        Assert.Equal(HostileJobFixture.MaxBodyBytes, result.Bytes);
        Assert.Equal($"body larger than {HostileJobFixture.MaxBodyBytes} bytes; cut at the limit", result.Error);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task Crawl_LyingContentLength_RecordsTheShortBody()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.LyingLength);

        var result = await AssertHealthyAsync(run, HostilePaths.LyingLength);
        Assert.StartsWith(
            $"connection closed after {HostilePaths.LyingBytesSent} of {HostilePaths.LyingContentLength} body bytes",
            result.Error,
            StringComparison.Ordinal);
        Assert.Equal(HostileJobFixture.MaxAttempts, result.Attempts);
        Assert.Equal(HostileJobFixture.MaxAttempts, server.RequestsFor(HostilePaths.LyingLength));
    }

    [Theory]
    [InlineData(HostilePaths.GzipBomb)]
    [InlineData(HostilePaths.GzipBombNested)]
    public async Task Crawl_GzipBomb_IsDroppedByItsRatio(string path)
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, path);

        var result = await AssertHealthyAsync(run, path);
        Assert.Equal(200, result.Status);
        Assert.StartsWith("decompression bomb: ", result.Error, StringComparison.Ordinal);
        Assert.InRange(result.Bytes, 1, HostileJobFixture.MaxBodyBytes + 1);
    }

    [Fact]
    public async Task Crawl_RedirectLoop_IsDetectedWhenItClosesAndEachHopFetchedOnce()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.RedirectLoopA);

        var first = await AssertHealthyAsync(run, HostilePaths.RedirectLoopA);
        var second = run.ResultFor(HostilePaths.RedirectLoopB);
        Assert.Equal(2, run.Results.Count);
        Assert.Equal(302, first.Status);
        Assert.Equal(server.UrlOf(HostilePaths.RedirectLoopB).ToString(), first.FinalUrl);
        Assert.Null(first.Error);
        Assert.Equal(302, second.Status);
        var a = server.UrlOf(HostilePaths.RedirectLoopA);
        var b = server.UrlOf(HostilePaths.RedirectLoopB);
        Assert.Equal($"redirect loop: {a} -> {b} -> {a}; not followed", second.Error);
        Assert.Equal(1, server.RequestsFor(HostilePaths.RedirectLoopA));
        Assert.Equal(1, server.RequestsFor(HostilePaths.RedirectLoopB));
    }

    [Fact]
    public async Task Crawl_TooManyRequestsStorm_GivesUpEachUrlAfterItsAttemptsSayingWhy()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.TooManyRequestsStorm);

        await AssertHealthyAsync(run, HostilePaths.TooManyRequestsStorm);
        var storm = Enumerable.Range(0, HostilePaths.TooManyRequestsStormSize).Select(i => run.ResultFor(HostilePaths.TooManyRequestsStormTarget(i))).ToList();
        Assert.All(storm, result =>
        {
            Assert.Equal(429, result.Status);
            Assert.Equal($"HTTP 429 after {HostileJobFixture.MaxAttempts} attempts; Retry-After {HostilePaths.TooManyRequestsRetryAfterSeconds} s", result.Error);
            Assert.Equal(HostileJobFixture.MaxAttempts, result.Attempts);
        });

        // Each URL is tried its attempts and no more: the storm is not answered with a storm.
        Assert.Equal(HostilePaths.TooManyRequestsStormSize * HostileJobFixture.MaxAttempts, server.RequestsFor(HostilePaths.TooManyRequests));
        Assert.Equal(HostilePaths.TooManyRequestsStormSize, run.Status.StatusCodes[429]);
        var host = await Cluster.Cluster.GrainFactory.GetGrain<IHostGrain>(HostKey.Of(server.Root.ToString())).GetStatusAsync();
        Assert.True(host.Errors >= HostilePaths.TooManyRequestsStormSize, $"the host saw {host.Errors} failed fetches");
    }

    [Fact]
    public async Task Crawl_RobotsAnswers500_FetchesNothingFromTheHost()
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = RobotsBehavior.Status500 }, CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.Root);

        var result = await AssertHealthyAsync(run, HostilePaths.Root);
        Assert.Null(result.Status);
        Assert.Equal("robots.txt unreachable (HTTP 500); not fetched, as RFC 9309 asks", result.Error);
        Assert.Equal(0, server.RequestsFor(HostilePaths.Root));
    }

    [Fact]
    public async Task Crawl_RobotsDisallowsThePath_NeverRequestsIt()
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = RobotsBehavior.DisallowPrivate }, CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.PrivateSecret);

        var result = await AssertHealthyAsync(run, HostilePaths.PrivateSecret);
        Assert.Equal("disallowed by robots.txt", result.Error);
        Assert.Equal(0, result.Attempts);
        Assert.Equal(0, server.RequestsFor(HostilePaths.PrivateSecret));
        Assert.Equal(0, run.Status.Failed);
    }

    [Fact]
    public async Task Crawl_ConnectionResetMidBody_RecordsTheReset()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.ResetMidBody);

        var result = await AssertHealthyAsync(run, HostilePaths.ResetMidBody);
        Assert.StartsWith("connection reset", result.Error, StringComparison.Ordinal);
        Assert.EndsWith($"(gave up after {HostileJobFixture.MaxAttempts} attempts)", result.Error, StringComparison.Ordinal);
        Assert.Equal(HostileJobFixture.MaxAttempts, result.Attempts);
    }

    /// <summary>Bad bytes are not an error: they are replaced, as browsers do, and the page is crawled on.</summary>
    [Fact]
    public async Task Crawl_InvalidUtf8_IsDecodedWithReplacementsAndItsLinksFollowed()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.InvalidUtf8, spec => spec with { MaxDepth = 2 });

        var result = await AssertHealthyAsync(run, HostilePaths.InvalidUtf8);
        Assert.Equal(200, result.Status);
        Assert.Null(result.Error);
        Assert.Contains('\uFFFD', result.Title!);
        Assert.Equal("Broken", run.ResultFor(HostilePaths.BrokenHtml).Title);
        Assert.Equal(HostilePaths.CharsetMetaText, run.ResultFor(HostilePaths.CharsetMeta).Title);
    }

    /// <summary>Broken markup is parsed the way browsers parse it; the link inside it is still found.</summary>
    [Fact]
    public async Task Crawl_BrokenHtml_IsParsedAndItsLinkFound()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.BrokenHtml, spec => spec with { MaxDepth = 1 });

        var result = await AssertHealthyAsync(run, HostilePaths.BrokenHtml);
        Assert.Equal(200, result.Status);
        Assert.Null(result.Error);
        Assert.Equal("Broken", result.Title);
        Assert.Equal(200, run.ResultFor(HostilePaths.CharsetMeta).Status);
    }

    [Fact]
    public async Task Crawl_HundredThousandLinksOnOnePage_TakesTheCapAndSaysSo()
    {
        const int cap = 100;
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.ManyLinks, spec => spec with { MaxLinksPerPage = cap });

        var result = await AssertHealthyAsync(run, HostilePaths.ManyLinks);
        Assert.Equal(200, result.Status);
        Assert.Equal(HostilePaths.ManyLinksCount, result.LinksFound);
        Assert.Equal($"links capped: only the first {cap} distinct links of the page were read ({HostilePaths.ManyLinksCount:N0} found)", result.Error);
        Assert.Equal(cap + 1, run.Results.Count);
        Assert.Equal(cap + 1, run.Status.Done);
    }

    [Fact]
    public async Task Crawl_InfiniteCalendar_IsEndedByTheUrlsPerHostGuardWithItsReason()
    {
        const int cap = 25;
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.Calendar(2024, 1), spec => spec with { MaxUrlsPerHost = cap });

        await AssertHealthyAsync(run, HostilePaths.Calendar(2024, 1));
        var fetched = run.Results.Where(r => r.Status == 200).ToList();
        var guarded = run.Results.Where(r => r.Status is null).ToList();
        Assert.Equal(cap, fetched.Count);
        Assert.NotEmpty(guarded);
        Assert.All(guarded, r => Assert.Equal(TrapGuard.TooManyUrlsOnHost(cap, HostKey.Of(server.Root.ToString())), r.Error));
        Assert.Equal(cap, server.TotalRequests - server.RequestsFor(HostilePaths.Robots));
        Assert.Equal(run.Results.Count, run.Status.Done);
    }

    [Fact]
    public async Task Crawl_RelativeLinkTrap_IsEndedByTheRepeatedSegmentGuard()
    {
        await using var server = await HostileServer.StartAsync(CancellationToken.None);

        var run = await RunAsync(server, HostilePaths.RelativeTrap);

        await AssertHealthyAsync(run, HostilePaths.RelativeTrap);
        var repeats = CrawlJobSpec.DefaultMaxSegmentRepeats;
        var last = HostilePaths.RelativeTrap + string.Concat(Enumerable.Repeat("x/", repeats + 1));
        Assert.Equal(repeats + 2, run.Results.Count);
        Assert.Equal($"not fetched: spider-trap guard, the path segment 'x' repeats more than {repeats} times", run.ResultFor(last).Error);
        Assert.Equal(0, server.RequestsFor(last));
        Assert.Equal(repeats + 1, run.Results.Count(r => r.Status == 200));
    }

    private async Task<HostileRun> RunAsync(HostileServer server, string path, Func<CrawlJobSpec, CrawlJobSpec>? adjust = null)
    {
        var spec = new CrawlJobSpec { Seeds = [server.UrlOf(path).ToString()], MinDelay = TimeSpan.Zero, Adaptive = false };
        spec = adjust?.Invoke(spec) ?? spec;
        var jobId = $"hostile-{Interlocked.Increment(ref _jobs)}";
        using var timeout = new CancellationTokenSource(CrawlTestCluster.CrawlTimeout);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        await Cluster.Jobs.StartAsync(jobId, spec, timeout.Token);
        JobStatus status;
        while (true)
        {
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
            status = await Cluster.Jobs.GetStatusAsync(jobId, timeout.Token);
            if (status.IsFinished)
            {
                break;
            }

            await Task.Delay(PollInterval, timeout.Token);
        }

        var results = await Cluster.Jobs.ReadResultsAsync(jobId, 0, int.MaxValue, timeout.Token);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return new HostileRun(status, results, after - before, peak - before);
    }

    /// <summary>The job completed, memory stayed bounded, the silo still crawls a friendly site whole; returns the seed's result.</summary>
    private async Task<CrawlResult> AssertHealthyAsync(HostileRun run, string seedPath)
    {
        Assert.Equal(JobState.Completed, run.Status.State);
        Assert.Equal(run.Status.Discovered, run.Status.Done + run.Status.Skipped);
        Assert.InRange(run.RetainedBytes, long.MinValue, MaxRetainedBytes);
        Assert.InRange(run.PeakBytes, long.MinValue, MaxPeakBytes);

        var friendly = fixture.Friendly;
        var (status, results) = await Cluster.CrawlAsync(
            $"alive-{Interlocked.Increment(ref _jobs)}",
            new CrawlJobSpec { Seeds = [friendly.Root.ToString()], MinDelay = TimeSpan.Zero });
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(friendly.Reachable(SiteScope.RootHost).Count, results.Count);

        return run.ResultFor(seedPath);
    }
}

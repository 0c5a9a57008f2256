using Crawler.Grains.Interfaces;
using Crawler.SyntheticSite;

namespace Crawler.Cluster.Tests.Infrastructure;

/// <summary>Starting a crawl of the synthetic site on a cluster, following it, and checking what it recorded.</summary>
public static class Crawls
{
    /// <summary>How long a whole crawl may take on this small machine before the test gives up on it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Every host of the site, relaxed politeness (the site is the test's own, on loopback).</summary>
    public static CrawlJobSpec SpecFor(SyntheticWebSite site) => new()
    {
        Seeds = [site.Root.ToString()],
        Scope = CrawlScope.Domain,
        PerHostConcurrency = 4,
        MinDelay = TimeSpan.Zero,
        Adaptive = false,
    };

    public static async Task StartAsync(SiloCluster cluster, string jobId, SyntheticWebSite site)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        using var timeout = new CancellationTokenSource(Timeout);
        await cluster.Jobs.StartAsync(jobId, SpecFor(site), timeout.Token);
    }

    /// <summary>Waits until the job has fetched at least <paramref name="done"/> pages.</summary>
    public static Task WaitForDoneAsync(SiloCluster cluster, string jobId, long done) =>
        SiloCluster.WaitUntilAsync(
            async () => (await cluster.Jobs.GetStatusAsync(jobId, CancellationToken.None)).Done >= done,
            Timeout,
            $"job {jobId} fetches {done} pages");

    public static async Task<(JobStatus Status, IReadOnlyList<CrawlResult> Results)> WaitForCompletionAsync(SiloCluster cluster, string jobId)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        using var timeout = new CancellationTokenSource(Timeout);
        JobStatus? last = null;
        try
        {
            var status = await cluster.Jobs.WaitForCompletionAsync(jobId, PollInterval, s => last = s, timeout.Token);
            var results = await cluster.Jobs.ReadResultsAsync(jobId, 0, int.MaxValue, timeout.Token);
            return (status, results);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Job {jobId} did not complete within {Timeout}; last seen: {last}", ex);
        }
    }

    /// <summary>The job completed and recorded every page the site makes reachable, each exactly once, and nothing else.</summary>
    public static void AssertExactlyReachable(SyntheticWebSite site, JobStatus status, IReadOnlyList<CrawlResult> results)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(results);
        var expected = site.Reachable(SiteScope.AllHosts);
        var twice = results.GroupBy(r => r.Url, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(10).ToList();
        var recorded = results.Select(r => r.Url).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(url => !recorded.Contains(url)).Take(10).ToList();
        var extra = recorded.Where(url => !expected.Contains(url)).Take(10).ToList();

        Assert.True(twice.Count == 0, $"Recorded more than once: {string.Join(", ", twice)}");
        Assert.True(missing.Count == 0, $"Never recorded ({expected.Count - recorded.Intersect(expected).Count()} in all): {string.Join(", ", missing)}");
        Assert.True(extra.Count == 0, $"Recorded but not reachable: {string.Join(", ", extra)}");
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(expected.Count, status.Done);
        Assert.Equal(expected.Count, results.Count);
    }
}

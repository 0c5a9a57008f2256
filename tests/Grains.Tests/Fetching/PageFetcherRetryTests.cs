using System.Threading.Channels;
using Crawler.Grains.Fetching;
using Crawler.SyntheticSite.Hostile;
using Crawler.Testing;

namespace Crawler.Grains.Tests.Fetching;

/// <summary>Retries on a manual clock: the test sees each delay Polly chose, then moves the clock past it.</summary>
public sealed class PageFetcherRetryTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly CancellationTokenSource _guard = new(FetchTesting.HangGuard);

    public void Dispose() => _guard.Dispose();

    /// <summary>Timeouts far from every retry delay, so the clock's timers cannot be mistaken for one another.</summary>
    private static CrawlerOptions RetryOptions() => new()
    {
        HeaderTimeout = TimeSpan.FromHours(1),
        RequestTimeout = TimeSpan.FromHours(2),
        MaxAttempts = 3,
        CircuitBreakerMinimumThroughput = 100,
    };

    /// <summary>Runs a fetch, advancing the clock over each retry's wait once the fetcher has started waiting.</summary>
    private async Task<(FetchResponse Response, List<FetchRetry> Retries)> FetchWithRetriesAsync(PageFetcher fetcher, Uri url, int expectedRetries)
    {
        var retries = Channel.CreateUnbounded<FetchRetry>();
        fetcher.RetryObserver = retry => retries.Writer.TryWrite(retry);
        var fetch = fetcher.FetchAsync(url.ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);
        var seen = new List<FetchRetry>();
        for (var i = 0; i < expectedRetries; i++)
        {
            var retry = await retries.Reader.ReadAsync(_guard.Token);
            seen.Add(retry);
            await _clock.WaitForTimerAsync(retry.Delay).WaitAsync(_guard.Token);
            _clock.Advance(retry.Delay);
        }

        var response = await fetch.WaitAsync(_guard.Token);
        Assert.False(retries.Reader.TryRead(out _));
        return (response, seen);
    }

    [Fact]
    public async Task FetchAsync_AlwaysTooManyRequests_WaitsRetryAfterBetweenThreeAttempts()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = new PageFetcher(RetryOptions(), _clock);

        var (response, retries) = await FetchWithRetriesAsync(fetcher, server.UrlOf(HostilePaths.TooManyRequests), expectedRetries: 2);

        var retryAfter = TimeSpan.FromSeconds(HostilePaths.TooManyRequestsRetryAfterSeconds);
        Assert.Equal(429, response.Status);
        Assert.Equal(3, response.Attempts);
        Assert.Equal(3, server.RequestsFor(HostilePaths.TooManyRequests));
        Assert.Equal(retryAfter, response.RetryAfter);
        Assert.Equal("HTTP 429 after 3 attempts; Retry-After 2 s", response.Error);
        Assert.All(retries, retry => Assert.True(retry.Delay >= retryAfter, $"delay {retry.Delay} is shorter than Retry-After"));
        Assert.Equal([1, 2], retries.Select(r => r.Attempt));
    }

    [Fact]
    public async Task FetchAsync_ServiceUnavailableWithHttpDate_WaitsUntilThatDate()
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { TimeProvider = _clock }, _guard.Token);
        using var fetcher = new PageFetcher(RetryOptions(), _clock);

        var (response, retries) = await FetchWithRetriesAsync(fetcher, server.UrlOf(HostilePaths.ServiceUnavailable), expectedRetries: 2);

        Assert.Equal(503, response.Status);
        Assert.Equal(3, response.Attempts);
        Assert.Equal(HostilePaths.ServiceUnavailableRetryAfter, response.RetryAfter);
        Assert.All(retries, retry => Assert.Equal(HostilePaths.ServiceUnavailableRetryAfter, retry.Delay));
    }

    [Fact]
    public async Task FetchAsync_RetryAfterBeyondTheCap_WaitsOnlyTheCap()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        var options = RetryOptions();
        options.MaxRetryDelay = TimeSpan.FromSeconds(1);
        using var fetcher = new PageFetcher(options, _clock);

        var (response, retries) = await FetchWithRetriesAsync(fetcher, server.UrlOf(HostilePaths.TooManyRequests), expectedRetries: 2);

        Assert.Equal(TimeSpan.FromSeconds(HostilePaths.TooManyRequestsRetryAfterSeconds), response.RetryAfter);
        Assert.All(retries, retry => Assert.Equal(TimeSpan.FromSeconds(1), retry.Delay));
    }

    [Fact]
    public async Task FetchAsync_FlakyPage_SucceedsOnTheThirdAttemptAfterBackoff()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = new PageFetcher(RetryOptions(), _clock);

        var (response, retries) = await FetchWithRetriesAsync(fetcher, server.UrlOf(HostilePaths.Flaky), expectedRetries: 2);

        Assert.Equal(200, response.Status);
        Assert.Null(response.Error);
        Assert.Equal(3, response.Attempts);
        Assert.Null(response.RetryAfter);
        Assert.Equal(HostilePaths.FlakyFailures + 1, server.RequestsFor(HostilePaths.Flaky));
        Assert.All(retries, retry => Assert.Equal(500, retry.Status));
        Assert.All(retries, retry => Assert.InRange(retry.Delay, TimeSpan.FromTicks(1), CrawlerOptions.DefaultMaxRetryDelay));
    }

    [Fact]
    public async Task FetchAsync_AlwaysFailing_GivesUpAfterMaxAttemptsWithTheLastStatus()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = new PageFetcher(RetryOptions(), _clock);

        var (response, _) = await FetchWithRetriesAsync(fetcher, server.UrlOf(HostilePaths.InternalError), expectedRetries: 2);

        Assert.Equal(500, response.Status);
        Assert.Equal("HTTP 500 after 3 attempts", response.Error);
        Assert.Equal(3, server.RequestsFor(HostilePaths.InternalError));
    }

    [Fact]
    public async Task FetchAsync_NotFound_IsNotRetried()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = new PageFetcher(RetryOptions(), _clock);

        var (response, _) = await FetchWithRetriesAsync(fetcher, server.UrlOf("/missing"), expectedRetries: 0);

        Assert.Equal(404, response.Status);
        Assert.Null(response.Error);
        Assert.Equal(1, response.Attempts);
    }

    [Fact]
    public async Task FetchAsync_SlowHeadersWithRetries_TimesOutEachAttempt()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = FetchTesting.Fetcher(FetchTesting.QuickOptions(maxAttempts: 2, headerTimeout: FetchTesting.ShortHeaderTimeout));

        var response = await fetcher.FetchAsync(server.UrlOf(HostilePaths.SlowHeaders).ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);

        Assert.Equal("no response headers within 1 s (gave up after 2 attempts)", response.Error);
        Assert.Equal(2, response.Attempts);
        Assert.Equal(2, server.RequestsFor(HostilePaths.SlowHeaders));
    }
}

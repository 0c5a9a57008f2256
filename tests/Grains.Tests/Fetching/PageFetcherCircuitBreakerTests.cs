using Crawler.Grains.Fetching;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.Grains.Tests.Fetching;

public sealed class PageFetcherCircuitBreakerTests : IDisposable
{
    private readonly CancellationTokenSource _guard = new(FetchTesting.HangGuard);

    public void Dispose() => _guard.Dispose();

    private static CrawlerOptions BreakerOptions(int maxAttempts) => new()
    {
        MaxAttempts = maxAttempts,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        CircuitBreakerMinimumThroughput = 3,
        CircuitBreakerFailureRatio = 1.0,
        CircuitBreakerBreakDuration = TimeSpan.FromMinutes(10),
    };

    [Fact]
    public async Task FetchAsync_AfterRepeatedFailures_FailsFastWithoutSending()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = new PageFetcher(BreakerOptions(maxAttempts: 1), TimeProvider.System);
        var url = server.UrlOf(HostilePaths.InternalError).ToString();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(500, (await fetcher.FetchAsync(url, FetchPolicy.PrivateNetworksAllowed, _guard.Token)).Status);
        }

        var response = await fetcher.FetchAsync(url, FetchPolicy.PrivateNetworksAllowed, _guard.Token);

        var origin = $"http://127.0.0.1:{server.Root.Port}";
        Assert.NotNull(response.Error);
        Assert.StartsWith($"circuit open for host {origin}: too many failures", response.Error, StringComparison.Ordinal);
        Assert.Null(response.Status);
        Assert.Equal(0, response.Attempts);
        Assert.Equal(3, server.RequestsFor(HostilePaths.InternalError));
    }

    [Fact]
    public async Task FetchAsync_OpenCircuit_FailsFastForEveryPathOfTheHost()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = new PageFetcher(BreakerOptions(maxAttempts: 1), TimeProvider.System);
        for (var i = 0; i < 3; i++)
        {
            await fetcher.FetchAsync(server.UrlOf(HostilePaths.InternalError).ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);
        }

        var response = await fetcher.FetchAsync(server.UrlOf(HostilePaths.Root).ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);

        Assert.StartsWith("circuit open for host ", response.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestsFor(HostilePaths.Root));
    }

    [Fact]
    public async Task FetchAsync_CircuitOpensDuringRetries_StopsAndKeepsTheLastStatus()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = new PageFetcher(BreakerOptions(maxAttempts: 5), TimeProvider.System);

        var response = await fetcher.FetchAsync(server.UrlOf(HostilePaths.InternalError).ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);

        Assert.Equal(500, response.Status);
        Assert.Equal(3, response.Attempts);
        Assert.StartsWith("circuit open for host ", response.Error, StringComparison.Ordinal);
        Assert.Equal(3, server.RequestsFor(HostilePaths.InternalError));
    }

    [Fact]
    public async Task FetchAsync_SuccessesAndClientErrors_NeverOpenTheCircuit()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = new PageFetcher(BreakerOptions(maxAttempts: 1), TimeProvider.System);
        for (var i = 0; i < 6; i++)
        {
            await fetcher.FetchAsync(server.UrlOf("/missing").ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);
        }

        var response = await fetcher.FetchAsync(server.UrlOf(HostilePaths.Root).ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);

        Assert.Equal(200, response.Status);
        Assert.Null(response.Error);
    }
}

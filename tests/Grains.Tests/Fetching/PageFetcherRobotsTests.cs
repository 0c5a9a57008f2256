using Crawler.Grains.Fetching;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.Grains.Tests.Fetching;

/// <summary>robots.txt as each server option serves it; reading the rules is the robots grain's part, not the fetcher's.</summary>
public sealed class PageFetcherRobotsTests : IDisposable
{
    private readonly CancellationTokenSource _guard = new(FetchTesting.HangGuard);
    private readonly PageFetcher _fetcher = FetchTesting.Fetcher();

    public void Dispose()
    {
        _fetcher.Dispose();
        _guard.Dispose();
    }

    private async Task<FetchResponse> FetchRobotsAsync(RobotsBehavior robots)
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = robots }, _guard.Token);
        return await _fetcher.FetchAsync(server.UrlOf(HostilePaths.Robots).ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);
    }

    [Theory]
    [InlineData(RobotsBehavior.Normal)]
    [InlineData(RobotsBehavior.DisallowPrivate)]
    public async Task FetchAsync_RobotsServed_IsPlainTextWithoutError(RobotsBehavior robots)
    {
        var response = await FetchRobotsAsync(robots);

        Assert.Equal(200, response.Status);
        Assert.Equal("text/plain", response.ContentType);
        Assert.Null(response.Error);
        Assert.True(response.Bytes > 0);
    }

    [Fact]
    public async Task FetchAsync_RobotsStatus500_KeepsTheStatus()
    {
        var response = await FetchRobotsAsync(RobotsBehavior.Status500);

        Assert.Equal(500, response.Status);
        Assert.Equal("HTTP 500", response.Error);
    }

    [Fact]
    public async Task FetchAsync_RobotsUnreachable_ReportsTheClosedConnection()
    {
        var response = await FetchRobotsAsync(RobotsBehavior.Unreachable);

        Assert.Null(response.Status);
        Assert.Equal("connection closed before the response headers ended", response.Error);
    }
}

using Crawler.Grains.Fetching;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.Grains.Tests.Fetching;

/// <summary>The paths that would exhaust memory if the limits were not applied while streaming.</summary>
[Collection(MemoryMeasured.Name)]
public sealed class PageFetcherMemoryTests(HostileServerFixture fixture) : IClassFixture<HostileServerFixture>, IDisposable
{
    private readonly HostileServer _server = fixture.Server;
    private readonly PageFetcher _fetcher = FetchTesting.Fetcher();
    private readonly CancellationTokenSource _guard = new(FetchTesting.HangGuard);

    public void Dispose()
    {
        _fetcher.Dispose();
        _guard.Dispose();
    }

    private Task<(FetchResponse Response, long Growth)> MeasureAsync(string path) =>
        FetchTesting.MeasureAsync(() => _fetcher.FetchAsync(_server.UrlOf(path).ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token));

    [Fact]
    public async Task FetchAsync_EndlessBody_IsCutAtTheLimitWithBoundedMemory()
    {
        var (response, growth) = await MeasureAsync(HostilePaths.Endless);

        Assert.Equal(200, response.Status);
        Assert.Equal(FetchTesting.MaxBodyBytes, response.Bytes);
        Assert.Equal($"body larger than {FetchTesting.MaxBodyBytes} bytes; cut at the limit", response.Error);
        Assert.InRange(growth, long.MinValue, FetchTesting.MaxMemoryGrowthBytes);
    }

    [Theory]
    [InlineData(HostilePaths.GzipBomb)]
    [InlineData(HostilePaths.GzipBombNested)]
    public async Task FetchAsync_GzipBomb_IsDroppedWithBoundedMemory(string path)
    {
        var (response, growth) = await MeasureAsync(path);

        Assert.Equal(200, response.Status);
        Assert.StartsWith("decompression bomb: ", response.Error, StringComparison.Ordinal);
        Assert.Null(response.Html);
        Assert.InRange(response.Bytes, 1, FetchTesting.MaxBodyBytes + 1);
        Assert.InRange(growth, long.MinValue, FetchTesting.MaxMemoryGrowthBytes);
    }

    [Fact]
    public async Task FetchAsync_GzipBombUnderALargeBodyLimit_IsStillCaughtByItsRatio()
    {
        using var fetcher = FetchTesting.Fetcher(new CrawlerOptions { MaxBodyBytes = 512L * 1024 * 1024, MaxAttempts = 1 });

        var (response, growth) = await FetchTesting.MeasureAsync(
            () => fetcher.FetchAsync(_server.UrlOf(HostilePaths.GzipBombNested).ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token));

        Assert.StartsWith("decompression bomb: ", response.Error, StringComparison.Ordinal);
        Assert.InRange(response.Bytes, 1, 2 * CrawlerOptions.DefaultDecompressionRatioFloorBytes);
        Assert.InRange(growth, long.MinValue, FetchTesting.MaxMemoryGrowthBytes);
    }
}

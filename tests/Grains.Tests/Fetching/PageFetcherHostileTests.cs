using Crawler.Grains.Fetching;
using Crawler.Grains.Links;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.Grains.Tests.Fetching;

/// <summary>One test per hostile path: each ends with a clear error or the right status, quickly, with one attempt.</summary>
public sealed class PageFetcherHostileTests(HostileServerFixture fixture) : IClassFixture<HostileServerFixture>, IDisposable
{
    private readonly HostileServer _server = fixture.Server;
    private readonly PageFetcher _fetcher = FetchTesting.Fetcher();
    private readonly CancellationTokenSource _guard = new(FetchTesting.HangGuard);

    public void Dispose()
    {
        _fetcher.Dispose();
        _guard.Dispose();
    }

    private Task<FetchResponse> FetchAsync(string path, PageFetcher? fetcher = null) =>
        (fetcher ?? _fetcher).FetchAsync(_server.UrlOf(path).ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);

    [Fact]
    public async Task FetchAsync_Root_LinksToEveryHostilePath()
    {
        var response = await FetchAsync(HostilePaths.Root);

        Assert.Equal(200, response.Status);
        Assert.Null(response.Error);
        Assert.Equal(1, response.Attempts);
        foreach (var path in new[] { HostilePaths.SlowHeaders, HostilePaths.GzipBomb, HostilePaths.ResetMidBody, HostilePaths.Calendar(2024, 1), HostilePaths.Binary })
        {
            Assert.Contains($"href=\"{path}\"", response.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FetchAsync_SlowHeaders_FailsAtTheHeaderTimeout()
    {
        using var fetcher = FetchTesting.Fetcher(FetchTesting.QuickOptions(headerTimeout: FetchTesting.ShortHeaderTimeout));

        var response = await FetchAsync(HostilePaths.SlowHeaders, fetcher);

        Assert.Null(response.Status);
        Assert.Equal("no response headers within 1 s", response.Error);
        Assert.Equal(1, response.Attempts);
    }

    [Fact]
    public async Task FetchAsync_LyingContentLength_ReportsTheBytesThatCame()
    {
        var response = await FetchAsync(HostilePaths.LyingLength);

        Assert.Equal(200, response.Status);
        Assert.Equal(
            $"connection closed after {HostilePaths.LyingBytesSent} of {HostilePaths.LyingContentLength} body bytes",
            response.Error);
        Assert.Null(response.Html);
    }

    [Fact]
    public async Task FetchAsync_ResetMidBody_ReportsTheReset()
    {
        var response = await FetchAsync(HostilePaths.ResetMidBody);

        Assert.NotNull(response.Error);
        Assert.Contains("connection reset", response.Error, StringComparison.Ordinal);
        Assert.Null(response.Html);
    }

    [Fact]
    public async Task FetchAsync_RedirectLoop_ReturnsEachHopWithoutFollowing()
    {
        var a = await FetchAsync(HostilePaths.RedirectLoopA);
        var b = await FetchAsync(HostilePaths.RedirectLoopB);

        Assert.True(a.IsRedirect);
        Assert.Equal(HostilePaths.RedirectLoopB, a.Location);
        Assert.True(b.IsRedirect);
        Assert.Equal(HostilePaths.RedirectLoopA, b.Location);
        Assert.Null(a.Error);
        Assert.Equal(1, a.Attempts);
    }

    [Fact]
    public async Task FetchAsync_TooManyRedirects_EachHopPointsOneFurther()
    {
        var location = HostilePaths.TooManyRedirects(0);
        for (var hop = 1; hop <= 12; hop++)
        {
            var response = await FetchAsync(location);

            Assert.Equal(302, response.Status);
            Assert.Equal(HostilePaths.TooManyRedirects(hop), response.Location);
            location = response.Location!;
        }
    }

    [Fact]
    public async Task FetchAsync_TooManyRequestsWithoutRetries_KeepsStatusAndRetryAfter()
    {
        var response = await FetchAsync(HostilePaths.TooManyRequests);

        Assert.Equal(429, response.Status);
        Assert.Equal(TimeSpan.FromSeconds(HostilePaths.TooManyRequestsRetryAfterSeconds), response.RetryAfter);
        Assert.Equal("HTTP 429; Retry-After 2 s", response.Error);
        Assert.Equal(1, response.Attempts);
    }

    [Fact]
    public async Task FetchAsync_ServiceUnavailableWithoutRetries_TurnsTheHttpDateIntoAWait()
    {
        var response = await FetchAsync(HostilePaths.ServiceUnavailable);

        Assert.Equal(503, response.Status);
        Assert.NotNull(response.RetryAfter);
        Assert.InRange(response.RetryAfter.Value, TimeSpan.Zero, HostilePaths.ServiceUnavailableRetryAfter);
        Assert.StartsWith("HTTP 503; Retry-After ", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_InternalErrorWithoutRetries_KeepsTheStatusWithAnError()
    {
        var response = await FetchAsync(HostilePaths.InternalError);

        Assert.Equal(500, response.Status);
        Assert.Equal("HTTP 500", response.Error);
        Assert.Null(response.RetryAfter);
    }

    [Fact]
    public async Task FetchAsync_InvalidUtf8_DecodesWithReplacementCharactersAndKeepsTheLink()
    {
        var response = await FetchAsync(HostilePaths.InvalidUtf8);

        Assert.Equal(200, response.Status);
        Assert.Null(response.Error);
        Assert.Contains('\uFFFD', response.Html!);
        Assert.Contains("href=\"/broken-html\"", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_BrokenHtml_IsReturnedWholeAndItsLinkIsFound()
    {
        var url = _server.UrlOf(HostilePaths.BrokenHtml);
        var response = await FetchAsync(HostilePaths.BrokenHtml);

        Assert.Equal(200, response.Status);
        Assert.Null(response.Error);
        var page = new LinkExtractor().Extract(response.Html!, url);
        Assert.Contains(page.Links, link => link.Url == _server.UrlOf(HostilePaths.CharsetMeta).ToString());
    }

    [Fact]
    public async Task FetchAsync_CharsetOnlyInMeta_DecodesWindows1252()
    {
        var response = await FetchAsync(HostilePaths.CharsetMeta);

        Assert.Equal(200, response.Status);
        Assert.Equal("text/html", response.ContentType);
        Assert.Contains($"<title>{HostilePaths.CharsetMetaText}</title>", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_Binary_CountsBytesWithoutDecoding()
    {
        var response = await FetchAsync(HostilePaths.Binary);

        Assert.Equal(200, response.Status);
        Assert.Equal("application/octet-stream", response.ContentType);
        Assert.Null(response.Html);
        Assert.Equal(HostilePaths.BinaryBytes, response.Bytes);
        Assert.Null(response.Error);
    }

    [Fact]
    public async Task FetchAsync_ManyLinks_ReturnsThePageWithEveryLink()
    {
        using var fetcher = FetchTesting.Fetcher(new CrawlerOptions { MaxBodyBytes = 16 * 1024 * 1024, MaxAttempts = 1 });

        var response = await FetchAsync(HostilePaths.ManyLinks, fetcher);

        Assert.Equal(200, response.Status);
        Assert.Null(response.Error);
        var page = new LinkExtractor(maxLinksPerPage: 5_000).Extract(response.Html!, _server.UrlOf(HostilePaths.ManyLinks));
        Assert.Equal(HostilePaths.ManyLinksCount, page.LinksSeen);
        Assert.Equal(5_000, page.Links.Count);
        Assert.True(page.Truncated);
    }

    [Fact]
    public async Task FetchAsync_ManyLinksBeyondTheBodyLimit_IsCutAtTheLimit()
    {
        var response = await FetchAsync(HostilePaths.ManyLinks);

        Assert.Equal(200, response.Status);
        Assert.Equal(FetchTesting.MaxBodyBytes, response.Bytes);
        Assert.Equal($"body larger than {FetchTesting.MaxBodyBytes} bytes; cut at the limit", response.Error);
        Assert.NotNull(response.Html);
    }

    [Fact]
    public async Task FetchAsync_CalendarTrap_EveryMonthLeadsToAnotherOneWithoutEnd()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var path = HostilePaths.Calendar(2024, 1);
        for (var month = 0; month < 24; month++)
        {
            var response = await FetchAsync(path);

            Assert.Equal(200, response.Status);
            Assert.True(seen.Add(path));
            var links = new LinkExtractor().Extract(response.Html!, _server.UrlOf(path)).Links.Select(l => new Uri(l.Url).AbsolutePath).ToList();
            Assert.Equal(2, links.Count);
            path = links[1];
        }

        Assert.Equal(HostilePaths.Calendar(2026, 1), path);
    }

    [Fact]
    public async Task FetchAsync_PrivateSecret_IsAnOrdinaryPageToTheFetcher()
    {
        var response = await FetchAsync(HostilePaths.PrivateSecret);

        Assert.Equal(200, response.Status);
        Assert.Contains("Secret", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAsync_NotHttp_ReturnsAnErrorWithoutAttempting()
    {
        var response = await _fetcher.FetchAsync("ftp://127.0.0.1/file", FetchPolicy.PrivateNetworksAllowed, _guard.Token);

        Assert.Null(response.Status);
        Assert.Equal("not an http or https URL: 'ftp://127.0.0.1/file'", response.Error);
        Assert.Equal(0, response.Attempts);
    }

    [Fact]
    public async Task FetchAsync_CancelledByCaller_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        var fetch = _fetcher.FetchAsync(_server.UrlOf(HostilePaths.SlowHeaders).ToString(), FetchPolicy.PrivateNetworksAllowed, cancelled.Token);
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
    }
}

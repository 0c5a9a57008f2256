using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.SyntheticSite.Tests.Hostile;

/// <summary>What each path of the hostile server sends, seen from a plain client or a bare socket.</summary>
public sealed class HostileServerTests(HostileServerFixture fixture) : IClassFixture<HostileServerFixture>, IDisposable
{
    private readonly HostileServer _server = fixture.Server;
    private readonly HttpClient _client = fixture.Client;
    private readonly CancellationTokenSource _guard = new(TestHttp.Timeout);

    public void Dispose() => _guard.Dispose();

    private Task<HttpResponseMessage> GetAsync(string path, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        _client.GetAsync(_server.UrlOf(path), completion, _guard.Token);

    private async Task<string> HtmlAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(_guard.Token);
    }

    private static bool HasHead(byte[] received) => received.AsSpan().IndexOf("\r\n\r\n"u8) >= 0;

    [Fact]
    public async Task Get_Root_IsOnLoopbackAndLinksToEveryPath()
    {
        var html = await HtmlAsync(HostilePaths.Root);

        Assert.Equal("127.0.0.1", _server.Root.Host);
        Assert.NotEqual(0, _server.Root.Port);
        foreach (var path in new[]
        {
            HostilePaths.SlowHeaders, HostilePaths.Endless, HostilePaths.LyingLength, HostilePaths.GzipBomb, HostilePaths.GzipBombNested,
            HostilePaths.RedirectLoopA, HostilePaths.TooManyRedirects(0), HostilePaths.TooManyRequests, HostilePaths.ServiceUnavailable,
            HostilePaths.Robots, HostilePaths.PrivateSecret, HostilePaths.ResetMidBody, HostilePaths.InvalidUtf8, HostilePaths.BrokenHtml,
            HostilePaths.ManyLinks, HostilePaths.Calendar(2024, 1), HostilePaths.InternalError, HostilePaths.Flaky, HostilePaths.CharsetMeta,
            HostilePaths.Binary,
        })
        {
            Assert.Contains($"href=\"{path}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_AnyKestrelPath_ClosesTheConnection()
    {
        using var response = await GetAsync(HostilePaths.Root);

        Assert.True(response.Headers.ConnectionClose);
    }

    [Fact]
    public async Task Get_SlowHeaders_SendsAStatusLineThenDripsHeaderBytesWithoutEndingTheHead()
    {
        using var raw = await RawHttp.SendAsync(_server.UrlOf(HostilePaths.SlowHeaders), _guard.Token);
        var prefix = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: "u8.ToArray();

        var (received, ended) = await raw.ReadAsync(r => r.Length >= prefix.Length + 2, 64 * 1024, _guard.Token);

        Assert.False(ended);
        Assert.Equal(prefix, received[..prefix.Length]);
        Assert.Equal("aa"u8.ToArray(), received[prefix.Length..]);
        Assert.False(HasHead(received));
    }

    [Fact]
    public async Task Get_Endless_SendsFarMoreThanAnyLimitWithoutEnding()
    {
        using var response = await GetAsync(HostilePaths.Endless, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync(_guard.Token);
        var buffer = new byte[64 * 1024];
        long total = 0;

        while (total < 16 * 1024 * 1024)
        {
            var read = await body.ReadAsync(buffer, _guard.Token);
            Assert.NotEqual(0, read);
            total += read;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Get_LyingLength_PromisesMoreThanItSendsThenCloses()
    {
        using var raw = await RawHttp.SendAsync(_server.UrlOf(HostilePaths.LyingLength), _guard.Token);

        var (received, ended) = await raw.ReadAsync(_ => false, 1024 * 1024, _guard.Token);

        Assert.True(ended);
        var headEnd = received.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        var head = Encoding.ASCII.GetString(received, 0, headEnd);
        Assert.Contains($"Content-Length: {HostilePaths.LyingContentLength}\r\n", head, StringComparison.Ordinal);
        Assert.Equal(HostilePaths.LyingBytesSent, received.Length - headEnd);
    }

    [Fact]
    public async Task Get_ResetMidBody_SendsPartOfTheBodyThenResets()
    {
        using var raw = await RawHttp.SendAsync(_server.UrlOf(HostilePaths.ResetMidBody), _guard.Token);

        var reset = await Assert.ThrowsAsync<IOException>(() => raw.ReadAsync(_ => false, 1024 * 1024, _guard.Token));

        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(reset.InnerException).SocketErrorCode);
    }

    [Theory]
    [InlineData(HostilePaths.GzipBomb, "gzip", 2 * 1024 * 1024)]
    [InlineData(HostilePaths.GzipBombNested, "gzip,gzip", 8 * 1024)]
    public async Task Get_GzipBomb_IsSmallOnTheWireAndInflatesToOneGiB(string path, string encodings, int maxCompressedBytes)
    {
        using var response = await GetAsync(path);
        var compressed = await response.Content.ReadAsByteArrayAsync(_guard.Token);

        Assert.Equal(encodings, string.Join(',', response.Content.Headers.ContentEncoding));
        Assert.InRange(compressed.Length, 1, maxCompressedBytes);
        Stream inflating = new MemoryStream(compressed);
        foreach (var _ in response.Content.Headers.ContentEncoding)
        {
            inflating = new GZipStream(inflating, CompressionMode.Decompress);
        }

        await using (inflating)
        {
            var buffer = new byte[1024 * 1024];
            long inflated = 0;
            int read;
            while ((read = await inflating.ReadAsync(buffer, _guard.Token)) > 0)
            {
                inflated += read;
            }

            Assert.True(inflated >= HostilePaths.GzipBombInflatedBytes, $"inflated to {inflated} bytes only");
        }
    }

    [Fact]
    public async Task Get_RedirectLoop_AAndBPointAtEachOther()
    {
        using var a = await GetAsync(HostilePaths.RedirectLoopA);
        using var b = await GetAsync(HostilePaths.RedirectLoopB);

        Assert.Equal(HttpStatusCode.Found, a.StatusCode);
        Assert.Equal(HostilePaths.RedirectLoopB, a.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Found, b.StatusCode);
        Assert.Equal(HostilePaths.RedirectLoopA, b.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(41)]
    public async Task Get_TooManyRedirects_EachHopPointsToTheNext(int hop)
    {
        using var response = await GetAsync(HostilePaths.TooManyRedirects(hop));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(HostilePaths.TooManyRedirects(hop + 1), response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_TooManyRequests_Answers429WithRetryAfterSeconds()
    {
        using var response = await GetAsync(HostilePaths.TooManyRequests);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(HostilePaths.TooManyRequestsRetryAfterSeconds), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Get_PrivateSecret_IsAPage()
    {
        var html = await HtmlAsync(HostilePaths.PrivateSecret);

        Assert.Contains("<title>Secret</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_InvalidUtf8_DeclaresUtf8ButIsNotValidUtf8AndHasALink()
    {
        using var response = await GetAsync(HostilePaths.InvalidUtf8);
        var bytes = await response.Content.ReadAsByteArrayAsync(_guard.Token);

        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        Assert.Contains("<a href=\"/broken-html\">", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_BrokenHtml_HasUnclosedTagsStrayBracketsAndALink()
    {
        var html = await HtmlAsync(HostilePaths.BrokenHtml);

        Assert.Contains("<a href=\"/charset-meta\">", html, StringComparison.Ordinal);
        Assert.Contains("< stray <<>>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("</body>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("</html>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ManyLinks_HasOneHundredThousandDistinctLinks()
    {
        var html = await HtmlAsync(HostilePaths.ManyLinks);

        var hrefs = Regex.Matches(html, "href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(HostilePaths.ManyLinksCount, hrefs.Count);
        Assert.Equal(HostilePaths.ManyLinksCount, hrefs.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("One of very many", await HtmlAsync(HostilePaths.ManyLinksTarget(99_999)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2024, 1, "/calendar/2023/12", "/calendar/2024/02")]
    [InlineData(2024, 12, "/calendar/2024/11", "/calendar/2025/01")]
    [InlineData(9000, 6, "/calendar/9000/05", "/calendar/9000/07")]
    public async Task Get_Calendar_EveryMonthLinksToTheMonthsEitherSide(int year, int month, string previous, string next)
    {
        var html = await HtmlAsync(HostilePaths.Calendar(year, month));

        Assert.Contains($"href=\"{previous}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{next}\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/calendar/2024/13")]
    [InlineData("/calendar/2024")]
    [InlineData("/calendar/x/01")]
    [InlineData("/nothing-here")]
    public async Task Get_UnknownPath_Is404(string path)
    {
        using var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_InternalError_Is500()
    {
        using var response = await GetAsync(HostilePaths.InternalError);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Get_CharsetMeta_IsWindows1252DeclaredOnlyInTheMetaTag()
    {
        using var response = await GetAsync(HostilePaths.CharsetMeta);
        var bytes = await response.Content.ReadAsByteArrayAsync(_guard.Token);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("<meta charset=\"windows-1252\">", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains("Caf\u00e9 \u0093quoted\u0094 \u00805", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Binary_IsOctetStream()
    {
        using var response = await GetAsync(HostilePaths.Binary);
        var bytes = await response.Content.ReadAsByteArrayAsync(_guard.Token);

        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HostilePaths.BinaryBytes, bytes.Length);
        Assert.Contains((byte)0, bytes);
    }
}

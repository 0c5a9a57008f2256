using System.Globalization;
using System.Net;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.SyntheticSite.Tests.Hostile;

/// <summary>What depends on a server's options or history: robots.txt, counts, the flaky page, the clock, stopping.</summary>
public sealed class HostileServerStateTests : IDisposable
{
    private readonly HttpClient _client = TestHttp.CreateClient();
    private readonly CancellationTokenSource _guard = new(TestHttp.Timeout);

    public void Dispose()
    {
        _client.Dispose();
        _guard.Dispose();
    }

    [Theory]
    [InlineData(RobotsBehavior.Normal, HttpStatusCode.OK, "User-agent: *\nDisallow:\n")]
    [InlineData(RobotsBehavior.DisallowPrivate, HttpStatusCode.OK, "User-agent: *\nDisallow: /private/\n")]
    [InlineData(RobotsBehavior.Status500, HttpStatusCode.InternalServerError, null)]
    public async Task Get_Robots_AnswersAsTheOptionsSay(RobotsBehavior robots, HttpStatusCode status, string? body)
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = robots }, _guard.Token);

        using var response = await _client.GetAsync(server.UrlOf(HostilePaths.Robots), _guard.Token);

        Assert.Equal(status, response.StatusCode);
        if (body is not null)
        {
            Assert.Equal(body, await response.Content.ReadAsStringAsync(_guard.Token));
        }
    }

    [Fact]
    public async Task Get_RobotsUnreachable_ClosesTheConnectionWithoutAnAnswer()
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = RobotsBehavior.Unreachable }, _guard.Token);

        await Assert.ThrowsAsync<HttpRequestException>(() => _client.GetAsync(server.UrlOf(HostilePaths.Robots), _guard.Token));

        // SocketsHttpHandler resends, up to three more times, a request whose connection closed before any answer.
        Assert.InRange(server.RequestsFor(HostilePaths.Robots), 1, 4);
    }

    [Fact]
    public async Task Get_Flaky_FailsTwiceThenSucceeds()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 4; i++)
        {
            using var response = await _client.GetAsync(server.UrlOf(HostilePaths.Flaky), _guard.Token);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task RequestsFor_CountsEachPathWhateverTheQueryAndRawPathsToo()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);

        for (var i = 0; i < 3; i++)
        {
            using var response = await _client.GetAsync(server.UrlOf($"{HostilePaths.TooManyRequests}?try={i}"), _guard.Token);
        }

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _client.GetAsync(server.UrlOf(HostilePaths.LyingLength), _guard.Token));

        Assert.Equal(3, server.RequestsFor(HostilePaths.TooManyRequests));
        Assert.Equal(1, server.RequestsFor(HostilePaths.LyingLength));
        Assert.Equal(0, server.RequestsFor(HostilePaths.PrivateSecret));
        Assert.Equal(4, server.TotalRequests);
    }

    [Fact]
    public async Task Get_ServiceUnavailable_RetryAfterIsAnHttpDateAheadOfTheServersClock()
    {
        var now = new DateTimeOffset(2030, 6, 1, 8, 30, 0, TimeSpan.Zero);
        await using var server = await HostileServer.StartAsync(new HostileOptions { TimeProvider = new FixedClock(now) }, _guard.Token);

        using var response = await _client.GetAsync(server.UrlOf(HostilePaths.ServiceUnavailable), _guard.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(now + HostilePaths.ServiceUnavailableRetryAfter, response.Headers.RetryAfter?.Date);
        Assert.Equal(
            (now + HostilePaths.ServiceUnavailableRetryAfter).ToString("R", CultureInfo.InvariantCulture),
            response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task DisposeAsync_WithEndlessAndSlowAnswersInFlight_EndsThem()
    {
        var server = await HostileServer.StartAsync(_guard.Token);
        using var endless = await _client.GetAsync(server.UrlOf(HostilePaths.Endless), HttpCompletionOption.ResponseHeadersRead, _guard.Token);
        using var slow = await RawHttp.SendAsync(server.UrlOf(HostilePaths.SlowHeaders), _guard.Token);
        await slow.ReadAsync(r => r.Length > 0, 1024, _guard.Token);

        await server.DisposeAsync();

        var (_, ended) = await slow.ReadAsync(_ => false, 1024 * 1024, _guard.Token);
        Assert.True(ended);
        Assert.True(await EndsAsync(endless), "the endless body went on after the server was disposed");
    }

    /// <summary>Whether a body ends, cleanly or not, within far more bytes than were in flight when the server stopped.</summary>
    private async Task<bool> EndsAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync(_guard.Token);
        var buffer = new byte[64 * 1024];
        try
        {
            for (long total = 0; total < 1L << 30;)
            {
                var read = await body.ReadAsync(buffer, _guard.Token);
                if (read == 0)
                {
                    return true;
                }

                total += read;
            }

            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}

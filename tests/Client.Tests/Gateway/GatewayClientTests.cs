using System.Net;
using System.Text;
using Crawler.Client.Gateway;
using Crawler.Client.Tests.Infrastructure;
using Crawler.Testing;

namespace Crawler.Client.Tests.Gateway;

/// <summary>Answers no real gateway gives (a web server that is not a silo, a broken stream, silence), through a stub handler.</summary>
public sealed class GatewayClientTests
{
    private static readonly Uri Address = new("http://127.0.0.1:9/");

    [Fact]
    public async Task GetStatusAsync_AnswerIsNotJson_SaysItIsNotAGateway()
    {
        using var client = Client((_, _) => Answer(HttpStatusCode.OK, "<html>hello</html>", "text/html"));

        var error = await Assert.ThrowsAsync<GatewayException>(() => client.GetStatusAsync("job-1", CancellationToken.None));

        Assert.StartsWith($"the gateway at {Address} answered something that is not a crawler gateway's JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetClusterAsync_404WithoutProblem_SaysThereIsNoGatewayThere()
    {
        using var client = Client((_, _) => Answer(HttpStatusCode.NotFound, "", "text/plain"));

        var error = await Assert.ThrowsAsync<GatewayException>(() => client.GetClusterAsync(CancellationToken.None));

        Assert.Equal($"{Address} has no crawler gateway here (404); is it a silo's address?", error.Message);
        Assert.False(error.IsUsageError);
    }

    [Fact]
    public async Task CancelAsync_ProblemAnswer_UsesItsDetail()
    {
        using var client = Client((_, _) => Answer(HttpStatusCode.ServiceUnavailable, "{\"status\":503,\"detail\":\"The cluster could not answer: x\"}", "application/problem+json"));

        var error = await Assert.ThrowsAsync<GatewayException>(() => client.CancelAsync("job-1", CancellationToken.None));

        Assert.Equal("The cluster could not answer: x", error.Message);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task StreamResultsAsync_StreamBreaksOff_SaysWhereToResume()
    {
        var line = "{\"url\":\"http://127.0.0.1:1/a\",\"finalUrl\":\"http://127.0.0.1:1/a\"}\n";
        using var client = Client((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new BreakingStream(Encoding.UTF8.GetBytes(line))),
        }));
        var read = new List<string>();

        var error = await Assert.ThrowsAsync<GatewayException>(async () =>
        {
            await foreach (var result in client.StreamResultsAsync("job-1", 10, follow: true, CancellationToken.None))
            {
                read.Add(result.Url);
            }
        });

        Assert.Equal(["http://127.0.0.1:1/a"], read);
        Assert.Equal($"the results stream from {Address} broke off after 1 results (at offset 11)", error.Message);
    }

    [Fact]
    public async Task GetStatusAsync_NoAnswerWithinTheTimeout_SaysSo()
    {
        var clock = new FakeTimeProvider();
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new GatewayClient(Address, null, new StubHandler(async (_, token) =>
        {
            sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        }), TimeSpan.FromSeconds(30), clock);

        var status = client.GetStatusAsync("job-1", CancellationToken.None);
        await sent.Task;
        clock.Advance(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<GatewayException>(() => status);

        Assert.Equal($"the gateway at {Address} did not answer within 30 s", error.Message);
    }

    [Fact]
    public async Task StartAsync_ApiKey_IsSentInTheHeader()
    {
        string? sentKey = null;
        using var client = new GatewayClient(Address, "k-123", new StubHandler((request, _) =>
        {
            sentKey = request.Headers.GetValues(GatewayClient.ApiKeyHeader).Single();
            return Answer(HttpStatusCode.Unauthorized, "", "text/plain");
        }));

        var error = await Assert.ThrowsAsync<GatewayException>(() => client.StartAsync("job-1", new() { Seeds = ["http://127.0.0.1:1/"] }, CancellationToken.None));

        Assert.Equal("k-123", sentKey);
        Assert.Equal($"the gateway at {Address} refused the API key", error.Message);
    }

    private static GatewayClient Client(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) =>
        new(Address, null, new StubHandler(answer));

    private static Task<HttpResponseMessage> Answer(HttpStatusCode status, string body, string mediaType) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
}

namespace Crawler.Client.Tests.Infrastructure;

/// <summary>An HTTP handler that answers every request with what the test says, for answers no real gateway gives.</summary>
public sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        answer(request, cancellationToken);
}

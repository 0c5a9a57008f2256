using Crawler.SyntheticSite.Hostile;

namespace Crawler.SyntheticSite.Tests.Hostile;

/// <summary>One hostile server and a plain client that shows redirects and compressed bytes as they are.</summary>
public sealed class HostileServerFixture : IAsyncLifetime
{
    private HostileServer? _server;
    private HttpClient? _client;

    public HostileServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public HttpClient Client => _client ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestHttp.Timeout);
        _server = await HostileServer.StartAsync(timeout.Token);
        _client = TestHttp.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

using Crawler.SyntheticSite.Hostile;

namespace Crawler.Grains.Tests.Fetching;

/// <summary>One hostile server for a test class whose tests do not count requests nor depend on earlier ones.</summary>
public sealed class HostileServerFixture : IAsyncLifetime
{
    private HostileServer? _server;

    public HostileServer Server => _server ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        using var guard = new CancellationTokenSource(FetchTesting.HangGuard);
        _server = await HostileServer.StartAsync(guard.Token);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

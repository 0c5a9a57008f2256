namespace Crawler.SyntheticSite.Tests;

/// <summary>One two-host site shared by the tests of a class, with generous ratios so every kind of link occurs.</summary>
public sealed class RunningSiteFixture : IAsyncLifetime
{
    public static readonly SiteOptions SiteOptions = new()
    {
        Pages = 200,
        Hosts = 2,
        NotFoundRatio = 0.05,
        RedirectRatio = 0.05,
        ExternalRatio = 0.05,
        Seed = 7,
    };

    private SyntheticWebSite? _site;
    private HttpClient? _client;

    public SyntheticWebSite Site => _site ?? throw new InvalidOperationException("The site is not started.");

    public HttpClient Client => _client ?? throw new InvalidOperationException("The site is not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestHttp.Timeout);
        _site = await SyntheticWebSite.StartAsync(SiteOptions, timeout.Token);
        _client = TestHttp.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}

using Crawler.SyntheticSite;

namespace Crawler.Silo.Tests.Infrastructure;

/// <summary>One silo on loopback (in memory, no API key) and one synthetic site, shared by a test class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public RunningSilo Silo { get; private set; } = null!;

    public SyntheticWebSite Site { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 60 }, CancellationToken.None);

        // A short handover: a test may leave a fetch hanging at a gated page when the silo stops.
        Silo = await RunningSilo.StartAsync(args: "--Silo:HandoverTimeout=00:00:01");
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Site.DisposeAsync();
    }
}

using Crawler.Silo.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Client.Tests.Infrastructure;

/// <summary>A silo on loopback without an API key, and a small synthetic site, shared by a test class.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public RunningSilo Silo { get; private set; } = null!;

    public SyntheticWebSite Site { get; private set; } = null!;

    public string Gateway => Silo.Address.ToString();

    public async Task InitializeAsync()
    {
        Site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 60 }, CancellationToken.None);
        Silo = await RunningSilo.StartAsync(args: "--Silo:HandoverTimeout=00:00:01");
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Site.DisposeAsync();
    }
}

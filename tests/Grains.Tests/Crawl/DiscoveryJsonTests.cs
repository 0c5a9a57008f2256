using System.Text.Json;
using Crawler.Grains.Interfaces;
using Crawler.Runtime;

namespace Crawler.Grains.Tests.Crawl;

/// <summary>Discoveries travel as durable messages, so the redirect chain must survive the runtime's JSON.</summary>
public sealed class DiscoveryJsonTests
{
    [Fact]
    public void Serialize_DiscoveryWithRedirectChain_RoundTrips()
    {
        var discovery = new Discovery(2, "http://site.test/a", 2, ["http://site.test/a", "http://site.test/b"]);

        var copy = JsonSerializer.Deserialize<Discovery>(JsonSerializer.Serialize(discovery, RuntimeJson.Options), RuntimeJson.Options)!;

        Assert.Equal(2, copy.Depth);
        Assert.Equal(2, copy.RedirectHops);
        Assert.Equal(discovery.RedirectChain, copy.RedirectChain!);
    }

    [Fact]
    public void Deserialize_DiscoveryWrittenBeforeChainsExisted_HasNoChain()
    {
        var copy = JsonSerializer.Deserialize<Discovery>("""{"depth":1,"parent":null,"redirectHops":0}""", RuntimeJson.Options)!;

        Assert.Null(copy.RedirectChain);
        Assert.Equal(1, copy.Depth);
    }
}

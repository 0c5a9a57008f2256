using System.Net;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate.InMemory;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;
using Crawler.Runtime.Transport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crawler.Runtime.Tests.Transport;

public sealed class SiloAddressAdvertiserTests
{
    [Fact]
    public async Task StartedAsync_BoundBeyondLoopbackWithoutClusterKey_RefusesToStart()
    {
        await using var silo = NewSilo();
        var advertiser = Advertiser(silo, new SiloTransportOptions(), "http://0.0.0.0:8080");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => advertiser.StartedAsync(CancellationToken.None));

        Assert.Contains("Silo:ClusterKey", error.Message, StringComparison.Ordinal);
        Assert.Equal("", silo.Address);
    }

    [Fact]
    public async Task StartedAsync_BoundBeyondLoopbackWithClusterKey_AdvertisesTheMachinesName()
    {
        await using var silo = NewSilo();
        var advertiser = Advertiser(silo, new SiloTransportOptions { ClusterKey = "a-long-enough-cluster-key" }, "http://0.0.0.0:8080");

        await advertiser.StartedAsync(CancellationToken.None);

        Assert.Equal($"http://{Dns.GetHostName()}:8080", silo.Address);
    }

    [Fact]
    public async Task StartedAsync_LoopbackWithoutClusterKey_AdvertisesTheBoundAddress()
    {
        await using var silo = NewSilo();
        var advertiser = Advertiser(silo, new SiloTransportOptions(), "http://127.0.0.1:41235");

        await advertiser.StartedAsync(CancellationToken.None);

        Assert.Equal("http://127.0.0.1:41235", silo.Address);
    }

    private static Silo NewSilo() =>
        new(new SiloOptions { SiloId = "advertised" }, new InMemorySubstrate(4), new GrainTypeRegistry().AddAssembly(typeof(TestProbe).Assembly),
            new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

    private static SiloAddressAdvertiser Advertiser(Silo silo, SiloTransportOptions options, params string[] bound)
    {
        var services = new ServiceCollection().AddSingleton<IServer>(new BoundServer(bound)).BuildServiceProvider();
        return new SiloAddressAdvertiser(silo, options, services, NullLogger<SiloAddressAdvertiser>.Instance);
    }
}

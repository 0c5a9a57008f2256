using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Tests.Infrastructure;

/// <summary>One silo and a client over a substrate the test chooses (TestCluster always makes its own).</summary>
public sealed class SingleSilo : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SingleSilo(ServiceProvider services, Silo silo, ClusterClient client)
    {
        _services = services;
        Silo = silo;
        Client = client;
    }

    public Silo Silo { get; }

    public ClusterClient Client { get; }

    public IGrainFactory GrainFactory => Client.GrainFactory;

    public static async Task<SingleSilo> StartAsync(ISubstrate substrate, TestProbe probe, Action<SiloOptions>? configure = null)
    {
        var registry = new GrainTypeRegistry().AddAssembly(typeof(TestProbe).Assembly);
        var network = new SiloNetwork();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(probe)
            .BuildServiceProvider();
        var options = new SiloOptions { SiloId = "single" };
        configure?.Invoke(options);
        var silo = new Silo(options, substrate, registry, services, services.GetRequiredService<ILoggerFactory>(), TimeProvider.System, network);
        await silo.StartAsync(CancellationToken.None);
        return new SingleSilo(services, silo, new ClusterClient(substrate, registry, network));
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _services.DisposeAsync();
    }
}

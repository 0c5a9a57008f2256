using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Testing;

/// <summary>
/// N silos in one process over one in-memory substrate, as Orleans' TestCluster: start more, stop one
/// gracefully, or kill one (a crash) and watch its partitions move.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly GrainTypeRegistry _registry = new();
    private readonly SiloNetwork _network = new();
    private readonly List<Silo> _silos = [];
    private readonly List<ServiceProvider> _providers = [];
    private int _nextSilo;

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        foreach (var assembly in options.GrainAssemblies)
        {
            _registry.AddAssembly(assembly);
        }

        Substrate = new InMemorySubstrate(options.PartitionCount, options.TimeProvider);
        Client = new ClusterClient(Substrate, _registry, _network, TestSiloOptions("client"), options.TimeProvider);
    }

    public InMemorySubstrate Substrate { get; }

    public ClusterClient Client { get; }

    public IGrainFactory GrainFactory => Client.GrainFactory;

    /// <summary>Silos started and neither stopped nor killed.</summary>
    public IReadOnlyList<Silo> Silos
    {
        get
        {
            lock (_silos)
            {
                return [.. _silos];
            }
        }
    }

    public static async Task<TestCluster> StartAsync(TestClusterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cluster = new TestCluster(options);
        for (var i = 0; i < options.InitialSilos; i++)
        {
            await cluster.StartSiloAsync(cancellationToken);
        }

        return cluster;
    }

    public async Task<Silo> StartSiloAsync(CancellationToken cancellationToken)
    {
        var siloId = $"silo-{Interlocked.Increment(ref _nextSilo)}";
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(_options.TimeProvider);
        _options.ConfigureServices?.Invoke(services);
        var provider = services.BuildServiceProvider();
        var silo = new Silo(TestSiloOptions(siloId), Substrate, _registry, provider, provider.GetRequiredService<ILoggerFactory>(), _options.TimeProvider, _network);
        await silo.StartAsync(cancellationToken);
        lock (_silos)
        {
            _silos.Add(silo);
            _providers.Add(provider);
        }

        return silo;
    }

    public async Task StopSiloAsync(Silo silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        Forget(silo);
        await silo.StopAsync(cancellationToken);
    }

    public void KillSilo(Silo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        Forget(silo);
        silo.Kill();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await StopSiloAsync(silo, CancellationToken.None);
        }

        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }

    private void Forget(Silo silo)
    {
        lock (_silos)
        {
            _silos.Remove(silo);
        }
    }

    private SiloOptions TestSiloOptions(string siloId)
    {
        var options = new SiloOptions
        {
            SiloId = siloId,
            LeaseDuration = TimeSpan.FromSeconds(2),
            MembershipPeriod = TimeSpan.FromMilliseconds(200),
            MailboxPollInterval = TimeSpan.FromMilliseconds(200),
            ResponseTimeout = TimeSpan.FromSeconds(20),
        };
        _options.ConfigureSilo?.Invoke(options);
        return options;
    }
}

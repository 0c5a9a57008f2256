using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// Calls grains from outside the cluster: one-way calls go to the substrate, requests to whichever silo owns the
/// target's partition. Silos of this process (tests, the embedded crawl) are reached through their
/// <see cref="SiloNetwork"/>; silos of other processes (a cluster on PostgreSQL) through the
/// <see cref="ISiloTransport"/>, at the addresses they publish in the membership table. It hosts no grains.
/// </summary>
public sealed class ClusterClient
{
    private readonly SiloRuntime _runtime;

    public ClusterClient(ISubstrate substrate, GrainTypeRegistry registry, SiloNetwork network, SiloOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
        : this(substrate, registry, network, transport: null, options, timeProvider, logger)
    {
    }

    /// <summary>A client of silos in other processes: <paramref name="transport"/> carries its request calls.</summary>
    public ClusterClient(ISubstrate substrate, GrainTypeRegistry registry, ISiloTransport transport, SiloOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
        : this(substrate, registry, new SiloNetwork(), transport ?? throw new ArgumentNullException(nameof(transport)), options, timeProvider, logger)
    {
    }

    private ClusterClient(ISubstrate substrate, GrainTypeRegistry registry, SiloNetwork network, ISiloTransport? transport, SiloOptions? options, TimeProvider? timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(substrate);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(network);
        options ??= new SiloOptions { SiloId = "client" };
        _runtime = new SiloRuntime(options, substrate, registry, new ServiceCollection().BuildServiceProvider(), timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance, network, transport);
    }

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public ISubstrate Substrate => _runtime.Substrate;
}

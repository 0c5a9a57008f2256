using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// Calls grains from outside the cluster, in the same process (tests, the embedded crawl): one-way calls go
/// to the substrate, requests to whichever silo owns the target's partition. It hosts no grains.
/// </summary>
public sealed class ClusterClient
{
    private readonly SiloRuntime _runtime;

    public ClusterClient(ISubstrate substrate, GrainTypeRegistry registry, SiloNetwork network, SiloOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(substrate);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(network);
        options ??= new SiloOptions { SiloId = "client" };
        _runtime = new SiloRuntime(options, substrate, registry, new ServiceCollection().BuildServiceProvider(), timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance, network);
    }

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public ISubstrate Substrate => _runtime.Substrate;
}

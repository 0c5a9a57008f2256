using System.Reflection;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Substrate.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Runtime.Hosting;

/// <summary>Configures the silo a host runs: its substrate, its grains, its options.</summary>
public sealed class SiloBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    internal GrainTypeRegistry Registry { get; } = new();

    internal List<Action<SiloOptions>> OptionActions { get; } = [];

    internal Func<IServiceProvider, ISubstrate>? SubstrateFactory { get; set; }

    /// <summary>One process, no server: the embedded default.</summary>
    public SiloBuilder UseInMemorySubstrate(int partitionCount = InMemorySubstrate.DefaultPartitionCount)
    {
        SubstrateFactory = sp => new InMemorySubstrate(partitionCount, sp.GetService<TimeProvider>());
        return this;
    }

    public SiloBuilder UseSubstrate(Func<IServiceProvider, ISubstrate> factory)
    {
        SubstrateFactory = factory;
        return this;
    }

    public SiloBuilder AddGrains(Assembly assembly)
    {
        Registry.AddAssembly(assembly);
        return this;
    }

    public SiloBuilder Configure(Action<SiloOptions> configure)
    {
        OptionActions.Add(configure);
        return this;
    }
}

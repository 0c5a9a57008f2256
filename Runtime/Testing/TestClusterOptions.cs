using System.Reflection;
using Crawler.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Runtime.Testing;

public sealed class TestClusterOptions
{
    public int InitialSilos { get; set; } = 2;

    public int PartitionCount { get; set; } = 16;

    public IList<Assembly> GrainAssemblies { get; } = [];

    /// <summary>Services each silo's grains can take in their constructors.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Applied to every silo's options; defaults here are short so tests move fast.</summary>
    public Action<SiloOptions>? ConfigureSilo { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

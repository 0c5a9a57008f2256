using Crawler.Runtime.Hosting;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crawler.Runtime.Tests.Hosting;

public sealed class SiloServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSilo_GenericHost_StartsSiloThatServesGrainsAndStopsWithTheHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TestProbe>();
        builder.Services.AddSilo(silo => silo
            .UseInMemorySubstrate(8)
            .AddGrains(typeof(CounterGrain).Assembly)
            .Configure(options => options.SiloId = "hosted"));
        using var host = builder.Build();

        await host.StartAsync();
        var silo = host.Services.GetRequiredService<Silo>();
        var pings = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("a").Ping();
        await host.StopAsync();

        Assert.Equal(1, pings);
        Assert.Equal("hosted", silo.SiloId);
        Assert.Equal(SiloStatus.Dead, silo.Status);
        Assert.Empty(silo.OwnedPartitions);
    }

    [Fact]
    public void AddSilo_WithoutSubstrate_ThrowsClearError()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSilo(silo => silo.AddGrains(typeof(CounterGrain).Assembly)));

        Assert.Contains("UseInMemorySubstrate", error.Message, StringComparison.Ordinal);
    }
}

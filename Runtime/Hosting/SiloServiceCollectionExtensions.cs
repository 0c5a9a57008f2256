using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo to a generic host, as <c>UseOrleans</c> does: it starts with the host and leaves the
    /// cluster gracefully when the host stops (SIGTERM hands its partitions over).
    /// </summary>
    public static IServiceCollection AddSilo(this IServiceCollection services, Action<SiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new SiloBuilder(services);
        configure(builder);
        var substrateFactory = builder.SubstrateFactory
            ?? throw new InvalidOperationException("Choose a substrate: UseInMemorySubstrate() or UseSubstrate(...).");

        services.AddSingleton(builder.Registry);
        services.AddSingleton<ISubstrate>(sp => substrateFactory(sp));
        services.AddSingleton<SiloNetwork>();
        services.AddSingleton(sp =>
        {
            var options = new SiloOptions();
            foreach (var action in builder.OptionActions)
            {
                action(options);
            }

            options.Validate();
            return options;
        });
        services.AddSingleton(sp => new Silo(
            sp.GetRequiredService<SiloOptions>(),
            sp.GetRequiredService<ISubstrate>(),
            sp.GetRequiredService<GrainTypeRegistry>(),
            sp,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<TimeProvider>(),
            sp.GetRequiredService<SiloNetwork>(),
            sp.GetService<ISiloTransport>()));
        services.AddSingleton(sp => sp.GetRequiredService<Silo>().GrainFactory);
        services.AddHostedService<SiloHostedService>();
        return services;
    }
}

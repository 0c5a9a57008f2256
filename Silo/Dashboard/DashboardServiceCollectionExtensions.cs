using Crawler.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Crawler.Silo.Dashboard;

/// <summary>Registers the dashboard: its options (validated at start), the snapshot source, the peer client and the API's service.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Needs, besides these: the silo, its substrate and <see cref="SiloOptions"/>, a <c>CrawlJobClient</c>, the
    /// transport's options, the gateway's binding and options (the silo app registers them all).
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton(sp => new LocalSnapshotSource(
            sp.GetRequiredService<Runtime.Hosting.Silo>(),
            sp.GetRequiredService<PageCounter>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<IOptions<DashboardOptions>>()));
        services.AddSingleton<PageCounter>();
        services.AddSingleton<DashboardPeers>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DashboardService>(sp, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<DashboardAuthFilter>();
        return services;
    }
}

using Crawler.Grains.Jobs;
using Crawler.Runtime;
using Crawler.Runtime.Substrate;
using Microsoft.Extensions.Options;

namespace Crawler.Silo.Gateway;

/// <summary>Registers the gateway: its options (validated at start), its binding, the job client and the endpoint services.</summary>
internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(GatewayBinding.FromConfiguration(configuration));
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.ConfigureHttpJsonOptions(options => GatewayJson.Configure(options.SerializerOptions));
        services.AddSingleton(sp => new CrawlJobClient(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<ISubstrate>(),
            sp.GetService<TimeProvider>()));
        services.AddSingleton<GatewayService>();
        services.AddSingleton<ApiKeyFilter>();
        return services;
    }
}

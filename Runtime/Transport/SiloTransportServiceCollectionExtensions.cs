using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Transport;

/// <summary>Registers the HTTP transport that joins silo processes into one cluster.</summary>
public static class SiloTransportServiceCollectionExtensions
{
    /// <summary>
    /// Lets the silo call silos of other processes, and be called by them, over HTTP on the host's own port (pair it
    /// with <see cref="SiloTransportEndpointRouteBuilderExtensions.MapSiloTransport"/>). Once the server has bound,
    /// the silo advertises its address (or <c>Silo:Address</c>) in the membership table.
    /// </summary>
    public static IServiceCollection AddSiloHttpTransport(this IServiceCollection services, Action<SiloTransportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new SiloTransportOptions();
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(sp => new HttpSiloTransport(options, sp.GetService<ILogger<HttpSiloTransport>>()));
        services.AddSingleton<ISiloTransport>(sp => sp.GetRequiredService<HttpSiloTransport>());
        services.AddSingleton<SiloInvokeEndpoint>();
        services.AddHostedService<SiloAddressAdvertiser>();
        return services;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Runtime.Transport;

/// <summary>Maps the silo side of the HTTP transport on the host's own port.</summary>
public static class SiloTransportEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the silo's internal endpoints: <c>POST /_silo/invoke</c> (request calls from other silos and clients)
    /// and <c>GET /_silo/status</c> (this silo's partitions and its turns by method). Both require the cluster key
    /// when one is set; without one, only loopback callers are served.
    /// </summary>
    public static IEndpointConventionBuilder MapSiloTransport(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var endpoint = endpoints.ServiceProvider.GetService<SiloInvokeEndpoint>()
            ?? throw new InvalidOperationException("Call services.AddSiloHttpTransport() before mapping the silo transport.");
        var group = endpoints.MapGroup("");
        group.MapPost(SiloTransportProtocol.InvokePath, endpoint.InvokeAsync);
        group.MapGet(SiloTransportProtocol.StatusPath, endpoint.StatusAsync);
        return group;
    }
}

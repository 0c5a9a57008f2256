namespace Crawler.Silo.Gateway;

/// <summary>
/// Maps the gateway's JSON API under <c>/api</c>; every route in the group goes through the API key check.
/// <list type="bullet">
/// <item><c>POST /api/jobs</c>: submit (<see cref="SubmitJobRequest"/>); 202 with the status, 400, 409</item>
/// <item><c>GET /api/jobs/{id}</c>: status; 404 for an unknown job</item>
/// <item><c>GET /api/jobs/{id}/results?offset=N&amp;follow=true</c>: NDJSON, resumable, optionally followed</item>
/// <item><c>POST /api/jobs/{id}/cancel</c>, <c>/pause</c>, <c>/resume</c>: the change; the status after it</item>
/// <item><c>GET /api/cluster</c>: silos, partition owners, this silo's id</item>
/// </list>
/// </summary>
internal static class GatewayEndpoints
{
    public const string Prefix = "/api";

    public static RouteGroupBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(Prefix)
            .AddEndpointFilter<ApiKeyFilter>()
            .AddEndpointFilter<UnavailableFilter>();
        api.MapPost("/jobs", (HttpContext context, GatewayService gateway, CancellationToken cancellationToken) =>
            gateway.SubmitAsync(context, cancellationToken));
        api.MapGet("/jobs/{jobId}", (string jobId, GatewayService gateway, CancellationToken cancellationToken) =>
            gateway.GetStatusAsync(jobId, cancellationToken));
        api.MapGet("/jobs/{jobId}/results", (string jobId, string? offset, string? follow, GatewayService gateway, CancellationToken cancellationToken) =>
            gateway.GetResultsAsync(jobId, offset, follow, cancellationToken));
        api.MapPost("/jobs/{jobId}/cancel", (string jobId, GatewayService gateway, CancellationToken cancellationToken) =>
            gateway.CancelAsync(jobId, cancellationToken));
        api.MapPost("/jobs/{jobId}/pause", (string jobId, GatewayService gateway, CancellationToken cancellationToken) =>
            gateway.PauseAsync(jobId, cancellationToken));
        api.MapPost("/jobs/{jobId}/resume", (string jobId, GatewayService gateway, CancellationToken cancellationToken) =>
            gateway.ResumeAsync(jobId, cancellationToken));
        api.MapGet("/cluster", (GatewayService gateway, CancellationToken cancellationToken) =>
            gateway.GetClusterAsync(cancellationToken));
        return api;
    }
}

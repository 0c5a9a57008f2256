using System.Net;
using Crawler.Runtime.Diagnostics;
using Crawler.Runtime.Transport;
using SiloHost = Crawler.Runtime.Hosting.Silo;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// This silo's side of the dashboard's aggregation, next to <c>/_silo/status</c>: <c>GET /_silo/dashboard</c> (its
/// snapshot), <c>GET /_silo/dashboard/grain?type=&amp;key=</c> (whether it has the grain active) and
/// <c>GET /_silo/dashboard/logs?after=&amp;instance=&amp;max=</c> (its log lines a reader has not seen). Same rule as
/// the transport: the cluster key when one is set, otherwise loopback callers only.
/// </summary>
internal static class DashboardPeerEndpoints
{
    public static void MapDashboardPeer(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DashboardPeers.PeerPath, (HttpContext context, LocalSnapshotSource local, SiloTransportOptions transport) =>
            IsPeer(context, transport) ? Results.Json(local.Take(), DashboardJson.Options) : Results.StatusCode(StatusCodes.Status401Unauthorized));
        endpoints.MapGet(DashboardPeers.GrainPath, (HttpContext context, string type, string key, SiloHost silo, SiloTransportOptions transport) =>
            IsPeer(context, transport)
                ? Results.Json(new { active = SiloInspector.IsActive(silo, new Runtime.GrainId(type, key)) }, DashboardJson.Options)
                : Results.StatusCode(StatusCodes.Status401Unauthorized));
        endpoints.MapGet(DashboardPeers.LogPath, (HttpContext context, long? after, string? instance, int? max, DashboardService dashboard, SiloTransportOptions transport) =>
            IsPeer(context, transport)
                ? Results.Json(dashboard.LocalLogs(instance, after ?? 0, Math.Clamp(max ?? DashboardService.MaxLogLines, 0, DashboardService.MaxLogLines)), DashboardJson.Options)
                : Results.StatusCode(StatusCodes.Status401Unauthorized));
    }

    private static bool IsPeer(HttpContext context, SiloTransportOptions transport)
    {
        if (transport.HasClusterKey)
        {
            var presented = context.Request.Headers[DashboardPeers.ClusterKeyHeader].ToString();
            return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(transport.ClusterKey!),
                System.Text.Encoding.UTF8.GetBytes(presented));
        }

        return context.Connection.RemoteIpAddress is not { } remote || IPAddress.IsLoopback(remote);
    }
}

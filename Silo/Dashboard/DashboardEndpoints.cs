using Crawler.Grains.Interfaces;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// Maps the dashboard: the page at <c>/dashboard/</c> (<c>/</c> and <c>/dashboard</c> redirect there), its JSON API
/// under <c>/dashboard/api</c>, and the peer endpoints other silos call. Every URL the page uses is relative, so it
/// works under any path base: <c>Dashboard:PathBase</c>, or a proxy's <c>X-Forwarded-Prefix</c> (from loopback proxies).
/// <list type="bullet">
/// <item><c>GET api/cluster</c>: silos (up, dead, unreachable) with their snapshots, totals, hosts, job ids</item>
/// <item><c>GET api/jobs</c>, <c>GET api/jobs/{id}</c>, <c>POST api/jobs/{id}/cancel</c></item>
/// <item><c>GET api/grains/types</c>, <c>GET api/grains/lookup?type=&amp;key=</c></item>
/// <item><c>GET api/logs?after=cursor</c>: every live silo's new log lines, merged by time, and the next cursor</item>
/// </list>
/// </summary>
public static class DashboardEndpoints
{
    public const string Prefix = "/dashboard";

    /// <summary>
    /// The path base from <c>Dashboard:PathBase</c> and <c>X-Forwarded-Prefix</c>; call before any endpoint is mapped.
    /// It adds routing after them, so every route sees the path without its prefix.
    /// </summary>
    public static WebApplication UseDashboardPathBase(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedPrefix };
        app.UseForwardedHeaders(forwarded);
        if (app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.PathBase is { Length: > 0 } pathBase)
        {
            app.UsePathBase(pathBase);
        }

        app.UseRouting();
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapDashboardPeer();
        app.MapGet("/", (HttpContext context) => RedirectToPage(context));

        var page = app.MapGroup(Prefix).AddEndpointFilter<DashboardAuthFilter>();
        page.MapGet("", (HttpContext context) => context.Request.Path.Value?.EndsWith('/') == true
            ? Asset("index.html")
            : RedirectToPage(context));
        page.MapGet("/{asset}", (string asset) => Asset(asset));

        var api = page.MapGroup("/api");
        api.MapGet("/cluster", (DashboardService dashboard, CancellationToken cancellationToken) => Json(dashboard.ClusterAsync(cancellationToken)));
        api.MapGet("/jobs", (DashboardService dashboard, CancellationToken cancellationToken) => Json(dashboard.JobsAsync(cancellationToken)));
        api.MapGet("/jobs/{jobId}", async (string jobId, DashboardService dashboard, CancellationToken cancellationToken) =>
            !JobId.IsValid(jobId) ? BadJobId()
            : await dashboard.JobAsync(jobId, cancellationToken) is { } job ? Results.Json(job, DashboardJson.Options)
            : Results.Problem($"No job '{jobId}' on this cluster.", statusCode: StatusCodes.Status404NotFound));
        api.MapPost("/jobs/{jobId}/cancel", async (string jobId, DashboardService dashboard, CancellationToken cancellationToken) =>
            !JobId.IsValid(jobId) ? BadJobId() : Results.Json(await dashboard.CancelAsync(jobId, cancellationToken), DashboardJson.Options));
        api.MapGet("/grains/types", (DashboardService dashboard) => Results.Json(dashboard.GrainTypes(), DashboardJson.Options));
        api.MapGet("/grains/lookup", async (string? type, string? key, DashboardService dashboard, CancellationToken cancellationToken) =>
            string.IsNullOrEmpty(type) || key is null ? Results.Problem("Give the grain's type and key: ?type=host&key=http://example.org", statusCode: StatusCodes.Status400BadRequest)
            : await dashboard.LookUpAsync(type, key, cancellationToken) is { } found ? Results.Json(found, DashboardJson.Options)
            : Results.Problem($"No grain type '{type}'; the types are {string.Join(", ", dashboard.GrainTypes())}.", statusCode: StatusCodes.Status404NotFound));
        api.MapGet("/logs", async (string? after, DashboardService dashboard, CancellationToken cancellationToken) =>
            LogCursor.TryParse(after, out var cursor)
                ? Results.Json(await dashboard.LogsAsync(cursor, DashboardService.MaxLogLines, cancellationToken), DashboardJson.Options)
                : Results.Problem("Not a log cursor: send the previous answer's 'cursor' as 'after', or nothing to start.", statusCode: StatusCodes.Status400BadRequest));
        return app;
    }

    /// <summary>
    /// To <c>{path base}/dashboard/</c>, the query kept (a <c>?key=</c> goes along). A path base that would make the
    /// location point at another server (<c>//host</c>, a backslash) is dropped.
    /// </summary>
    private static IResult RedirectToPage(HttpContext context)
    {
        var pathBase = context.Request.PathBase.Value ?? "";
        if (pathBase.StartsWith("//", StringComparison.Ordinal) || pathBase.Contains('\\', StringComparison.Ordinal))
        {
            pathBase = "";
        }

        return Results.Redirect($"{pathBase}{Prefix}/{context.Request.QueryString}");
    }

    private static IResult Asset(string name)
    {
        if (!DashboardAssets.TryGet(name, out var content, out var contentType))
        {
            return Results.NotFound();
        }

        return new NoCacheFile(content, contentType);
    }

    private static async Task<IResult> Json<T>(Task<T> answer) => Results.Json(await answer, DashboardJson.Options);

    private static IResult BadJobId() =>
        Results.Problem("Not a job id (1-64 letters, digits, '.', '_' or '-').", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>An asset, revalidated on each load so a new silo version's page is never mixed with an old script.</summary>
    private sealed class NoCacheFile(byte[] content, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-cache";
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(content, contentType).ExecuteAsync(httpContext);
        }
    }
}

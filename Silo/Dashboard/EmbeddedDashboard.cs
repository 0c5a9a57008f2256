using Crawler.Grains.Jobs;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Transport;
using Crawler.Silo.Gateway;
using Crawler.Silo.Logging;
using SiloHost = Crawler.Runtime.Hosting.Silo;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// The dashboard alone on a small web server of its own, for a silo that is not the silo app: the <c>crawler</c>
/// CLI's embedded silo. Loopback only (the CLI has no API key to guard it with). It reads no configuration file, so
/// nothing of the process's environment changes what it serves.
/// </summary>
public sealed class EmbeddedDashboard : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedDashboard(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The page: <c>http://127.0.0.1:PORT/dashboard/</c>, the port resolved when 0 was asked for.</summary>
    public Uri Url { get; }

    /// <param name="silo">The running silo to show.</param>
    /// <param name="substrate">Its substrate (membership, leases, grain state, results).</param>
    /// <param name="siloOptions">Its options (the lease, which tells a dead silo).</param>
    /// <param name="url">Where to listen, e.g. <c>http://127.0.0.1:0</c>; must be loopback.</param>
    /// <param name="logs">The silo's log ring for the log tail, if it keeps one.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not a loopback http URL.</exception>
    /// <exception cref="IOException">The address is in use.</exception>
    public static async Task<EmbeddedDashboard> StartAsync(SiloHost silo, ISubstrate substrate, SiloOptions siloOptions, string url, LogRing? logs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(substrate);
        ArgumentNullException.ThrowIfNull(siloOptions);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttp || !GatewayBinding.IsLoopback(url))
        {
            throw new ArgumentException($"the dashboard of an embedded silo listens on a loopback http URL (http://127.0.0.1:PORT), not '{url}'", nameof(url));
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(url);
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddSingleton(silo);
        builder.Services.AddSingleton(substrate);
        builder.Services.AddSingleton(siloOptions);
        builder.Services.AddSingleton(sp => new CrawlJobClient(silo.GrainFactory, substrate));
        builder.Services.AddSingleton(new SiloTransportOptions());
        builder.Services.AddSingleton(new GatewayBinding([url]));
        builder.Services.AddOptions<GatewayOptions>();
        if (logs is not null)
        {
            builder.Services.AddSingleton(logs);
        }

        builder.Services.AddDashboard(new ConfigurationBuilder().Build());
        var app = builder.Build();
        try
        {
            // Counting pages starts now, before the crawl's first.
            _ = app.Services.GetRequiredService<PageCounter>();
            app.UseDashboardPathBase();
            app.MapDashboard();
            await app.StartAsync(cancellationToken);
            var bound = new Uri(app.Urls.First());
            return new EmbeddedDashboard(app, new Uri(bound, DashboardEndpoints.Prefix + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Crawler.SyntheticSite.Hostile;

/// <summary>
/// A web server on 127.0.0.1 that attacks its clients: slowloris headers, endless bodies, lying lengths,
/// decompression bombs, redirect loops, rate limits, resets mid-body, broken encodings and crawler traps, one per
/// path of <see cref="HostilePaths"/> (the root links to them all). Kestrel serves what HTTP can express; a
/// connection middleware writes raw bytes for the rest. Every misbehaviour that could go on forever ends when the
/// client leaves or the server is disposed.
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    // Stopping waits for requests in flight; the endless ones are cancelled first, so this is only a safety net.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly RequestCounter _counter;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private HostileServer(HostileOptions options, WebApplication app, RequestCounter counter, CancellationTokenSource stopping, Uri root)
    {
        Options = options;
        _app = app;
        _counter = counter;
        _stopping = stopping;
        Root = root;
    }

    public HostileOptions Options { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Root { get; }

    /// <summary>Requests received, on every path.</summary>
    public long TotalRequests => _counter.Total;

    /// <summary>Starts a server with a robots.txt that allows everything.</summary>
    public static Task<HostileServer> StartAsync(CancellationToken cancellationToken) => StartAsync(new HostileOptions(), cancellationToken);

    /// <summary>Starts a server on an ephemeral loopback port. The first start in a process also builds the gzip bombs (about a second).</summary>
    public static async Task<HostileServer> StartAsync(HostileOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (gzipBomb, gzipBombNested) = await GzipBombs.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var counter = new RequestCounter();
        var stopping = new CancellationTokenSource();
        var raw = new RawConnectionHandler(counter, options, stopping.Token);
        var handler = new HostileRequestHandler(options, gzipBomb, gzipBombNested, stopping.Token);

        // The empty builder reads no appsettings and no environment, so the host process cannot reshape the server.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime>(new QuietHostLifetime());

        // Clients that hang up mid-answer are this server's daily work, not something to log.
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection => raw.OnConnectionAsync(connection, next)));
        });

        var app = builder.Build();
        try
        {
            app.Run(handler.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new HostileServer(options, app, counter, stopping, new Uri(new Uri(address), HostilePaths.Root));
        }
        catch (Exception)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            stopping.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The absolute URL of a path (with its query, if any) on this server.</summary>
    public Uri UrlOf(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (!pathAndQuery.StartsWith('/'))
        {
            throw new ArgumentException("The path must start with '/'.", nameof(pathAndQuery));
        }

        return new Uri(Root, pathAndQuery);
    }

    /// <summary>How many requests a path received, whatever their query, counted when their request line arrived.</summary>
    public int RequestsFor(string path) => _counter.CountOf(path);

    /// <summary>Ends every endless answer, then stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var grace = new CancellationTokenSource(StopGrace))
        {
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}

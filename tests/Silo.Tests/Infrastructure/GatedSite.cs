using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crawler.Silo.Tests.Infrastructure;

/// <summary>
/// A two-page site on loopback whose <see cref="Gate"/> page answers only once the test opens the gate, so a job
/// with it as a seed stays running exactly as long as the test needs (a signal, not a sleep).
/// <see cref="Open"/> answers right away; robots.txt is 404 (everything allowed).
/// </summary>
public sealed class GatedSite : IAsyncDisposable
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    public Uri Open { get; private set; } = null!;

    public Uri Gate { get; private set; } = null!;

    /// <summary>Completes when the crawler's request for <see cref="Gate"/> has arrived.</summary>
    public Task Reached => _reached.Task;

    public static async Task<GatedSite> StartAsync()
    {
        var site = new GatedSite();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.SetMinimumLevel(LogLevel.None);
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(site.HandleAsync);
        await app.StartAsync();
        site._app = app;
        var root = new Uri(app.Urls.First());
        site.Open = new Uri(root, "/open");
        site.Gate = new Uri(root, "/gate");
        return site;
    }

    /// <summary>Lets the gate page answer.</summary>
    public void Release() => _gate.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/open":
                await WritePageAsync(context, "open");
                break;
            case "/gate":
                _reached.TrySetResult();
                await _gate.Task.WaitAsync(context.RequestAborted);
                await WritePageAsync(context, "gate");
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private static Task WritePageAsync(HttpContext context, string title)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"<!doctype html><html><head><title>{title}</title></head><body>{title}</body></html>");
    }
}

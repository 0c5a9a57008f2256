using System.Net.Http.Headers;
using Crawler.Silo.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Crawler.Silo.Tests.Infrastructure;

/// <summary>
/// The silo app started in-process on an ephemeral loopback port (in memory, quiet logs), with an HTTP client
/// pointed at it. A bind to 0.0.0.0 is reached through 127.0.0.1.
/// </summary>
public sealed class RunningSilo : IAsyncDisposable
{
    private RunningSilo(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public WebApplication App { get; }

    /// <summary>Where to connect: the bound URL, with 127.0.0.1 for a wildcard host.</summary>
    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>The arguments every test silo gets before its own: quiet logs, no console sink.</summary>
    public static string[] QuietArgs { get; } = ["--Serilog:MinimumLevel:Default=Error"];

    public static async Task<RunningSilo> StartAsync(string url = "http://127.0.0.1:0", params string[] args)
    {
        var app = SiloApp.Build([.. QuietArgs, "--urls", url, .. args]);
        try
        {
            await app.StartAsync();
            var bound = new Uri(app.Urls.First());
            var address = new UriBuilder(bound) { Host = bound.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : bound.Host }.Uri;
            return new RunningSilo(app, address);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? apiKey = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

using System.Net;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Tests.TestGrains;
using Crawler.Runtime.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Tests.Infrastructure;

/// <summary>
/// One silo in its own web host with the HTTP transport, wired as the silo executable wires it, on a loopback port.
/// Each host has its own <see cref="SiloNetwork"/>, so hosts of one test reach each other only over HTTP, as silo
/// processes do; they share the substrate the test gives them.
/// </summary>
public sealed class HttpSiloHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpSiloHost(WebApplication app)
    {
        _app = app;
        Silo = app.Services.GetRequiredService<Silo>();
    }

    public Silo Silo { get; }

    public IGrainFactory GrainFactory => Silo.GrainFactory;

    public static async Task<HttpSiloHost> StartAsync(ISubstrate substrate, string siloId, TestProbe probe, string? clusterKey = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddSingleton(probe);
        builder.Services.AddSiloHttpTransport(options => options.ClusterKey = clusterKey);
        builder.Services.AddSilo(silo => silo
            .UseSubstrate(_ => substrate)
            .AddGrains(typeof(TestProbe).Assembly)
            .Configure(options =>
            {
                options.SiloId = siloId;
                options.LeaseDuration = TimeSpan.FromSeconds(2);
                options.MembershipPeriod = TimeSpan.FromMilliseconds(200);
                options.MailboxPollInterval = TimeSpan.FromMilliseconds(200);
                options.ResponseTimeout = TimeSpan.FromSeconds(10);
            }));
        var app = builder.Build();
        app.MapSiloTransport();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new HttpSiloHost(app);
    }

    /// <summary>Stops the host: the silo hands its partitions over, as on SIGTERM.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

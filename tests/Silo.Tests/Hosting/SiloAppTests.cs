using Crawler.Silo.Gateway;
using Crawler.Silo.Hosting;
using Crawler.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Silo.Tests.Hosting;

public sealed class SiloAppTests
{
    [Fact]
    public async Task Build_NoBindingConfigured_ListensOnLoopback8080()
    {
        await using var app = SiloApp.Build([.. RunningSilo.QuietArgs]);

        Assert.Equal(SiloApp.DefaultUrl, app.Configuration["urls"]);
        Assert.True(app.Services.GetRequiredService<GatewayBinding>().IsLoopbackOnly);
    }

    [Fact]
    public async Task Build_UrlsGiven_KeepsThem()
    {
        await using var app = SiloApp.Build([.. RunningSilo.QuietArgs, "--urls", "http://127.0.0.1:9123"]);

        Assert.Equal("http://127.0.0.1:9123", app.Configuration["urls"]);
    }

    [Fact]
    public async Task Build_HttpPortsGiven_AddsNoDefaultUrlThatWouldOverrideThem()
    {
        await using var app = SiloApp.Build([.. RunningSilo.QuietArgs, "--http_ports=9124", "--Gateway:ApiKey=k"]);

        Assert.Null(app.Configuration["urls"]);
        Assert.False(app.Services.GetRequiredService<GatewayBinding>().IsLoopbackOnly);
    }
}

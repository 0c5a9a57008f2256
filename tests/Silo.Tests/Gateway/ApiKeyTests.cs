using System.Net;
using Crawler.Silo.Hosting;
using Crawler.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Crawler.Silo.Tests.Gateway;

/// <summary>
/// The API key on a silo bound beyond loopback. The silo really binds 0.0.0.0 (an ephemeral port, for the length of
/// the class) and the requests come in over 127.0.0.1, so the decision is the one a public silo makes.
/// </summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Key = "test-key-0123456789";
    private RunningSilo _silo = null!;

    // A silo bound beyond loopback also needs the cluster key of its internal endpoint, or it refuses to start.
    public async Task InitializeAsync() =>
        _silo = await RunningSilo.StartAsync("http://0.0.0.0:0", $"--Gateway:ApiKey={Key}", "--Silo:ClusterKey=test-cluster-key-0123456789");

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public void Build_PublicBindingWithoutApiKey_RefusesWithClearMessage()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloApp.Build([.. RunningSilo.QuietArgs, "--urls", "http://0.0.0.0:0"]));

        Assert.Contains("http://0.0.0.0:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--http_ports=0")]
    [InlineData("--Kestrel:Endpoints:Public:Url=http://[::]:0")]
    public void Build_PortsOrEndpointOnEveryInterfaceWithoutApiKey_Refuses(string binding)
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloApp.Build([.. RunningSilo.QuietArgs, binding]));

        Assert.Contains("Gateway:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BlankApiKey_Refuses()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloApp.Build([.. RunningSilo.QuietArgs, "--urls", "http://127.0.0.1:0", "--Gateway:ApiKey=  "]));

        Assert.Contains("blank", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("wrong-key-0123456789", null)]
    [InlineData("short", null)]
    [InlineData(Key + "x", null)]
    [InlineData(null, "wrong-key-0123456789")]
    [InlineData("", "")]
    public async Task GatewayRequest_PublicBindingWithoutTheRightKey_Returns401(string? apiKey, string? bearer)
    {
        using var response = await _silo.Http.SendAsync(RunningSilo.Request(HttpMethod.Get, "/api/cluster", apiKey, bearer));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("/api/jobs/nosuch")]
    [InlineData("/api/jobs/nosuch/results?follow=true")]
    public async Task JobRequests_PublicBindingWithoutKey_Return401NotTheJobsAnswer(string path)
    {
        using var response = await _silo.Http.SendAsync(RunningSilo.Request(HttpMethod.Get, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SubmitJob_PublicBindingWithoutKey_Returns401AndStartsNothing()
    {
        using var request = RunningSilo.Request(HttpMethod.Post, "/api/jobs");
        request.Content = Ndjson.Submission("sneaky", "http://127.0.0.1:1/");

        using var refused = await _silo.Http.SendAsync(request);
        using var lookup = await _silo.Http.SendAsync(RunningSilo.Request(HttpMethod.Get, "/api/jobs/sneaky", Key));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Theory]
    [InlineData(Key, null)]
    [InlineData(null, Key)]
    public async Task GatewayRequest_PublicBindingWithTheKey_IsServed(string? apiKey, string? bearer)
    {
        using var response = await _silo.Http.SendAsync(RunningSilo.Request(HttpMethod.Get, "/api/cluster", apiKey, bearer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_PublicBindingWithoutKey_StaysOpen()
    {
        using var response = await _silo.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GatewayRequest_LoopbackWithKeyConfigured_StillNeedsTheKey()
    {
        await using var silo = await RunningSilo.StartAsync("http://127.0.0.1:0", $"--Gateway:ApiKey={Key}");

        using var without = await silo.Http.SendAsync(RunningSilo.Request(HttpMethod.Get, "/api/cluster"));
        using var with = await silo.Http.SendAsync(RunningSilo.Request(HttpMethod.Get, "/api/cluster", Key));

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }
}

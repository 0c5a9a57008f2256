using System.Net;
using System.Text.RegularExpressions;
using Crawler.Silo.Tests.Infrastructure;

namespace Crawler.Silo.Tests.Dashboard;

/// <summary>Where the page is served and how it finds its API: behind a configured path base or a proxy's prefix, on loopback without auth.</summary>
public sealed partial class DashboardPathTests
{
    [Fact]
    public async Task GetRoot_NothingElseThere_RedirectsToTheDashboard()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var http = NoRedirects(silo);

        using var root = await http.GetAsync("/");
        using var bare = await http.GetAsync("/dashboard");
        using var page = await http.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/dashboard/", root.Headers.Location?.OriginalString);
        Assert.Equal("/dashboard/", bare.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_ConfiguredPathBase_ServesPageAndApiUnderIt()
    {
        await using var silo = await RunningSilo.StartAsync(args: "--Dashboard:PathBase=/crawler");
        using var http = NoRedirects(silo);

        using var bare = await http.GetAsync("/crawler/dashboard");
        using var page = await http.GetAsync("/crawler/dashboard/");
        using var api = await http.GetAsync("/crawler/dashboard/api/cluster");
        using var script = await http.GetAsync("/crawler/dashboard/dashboard.js");

        Assert.Equal("/crawler/dashboard/", bare.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Get_ProxyPrefixHeader_RedirectsUnderThePrefix()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var http = NoRedirects(silo);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard?key=abc");
        request.Headers.Add("X-Forwarded-Prefix", "/proxy/crawler");

        using var response = await http.SendAsync(request);

        Assert.Equal("/proxy/crawler/dashboard/?key=abc", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_ProxyPrefixNamingAnotherServer_RedirectsToThisOne()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var http = NoRedirects(silo);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("X-Forwarded-Prefix", "//evil.example");

        using var response = await http.SendAsync(request);

        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("dashboard.js")]
    [InlineData("dashboard.css")]
    public async Task Assets_EveryUrlTheyUse_IsRelative(string asset)
    {
        await using var silo = await RunningSilo.StartAsync();

        var text = await silo.Http.GetStringAsync($"/dashboard/{asset}");

        Assert.NotEmpty(text);
        Assert.DoesNotMatch(AbsoluteUrl(), text);
    }

    private static HttpClient NoRedirects(RunningSilo silo) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = silo.Address };

    /// <summary>An attribute, fetch or url() that starts at the server's root or names a server.</summary>
    [GeneratedRegex("""(?:src|href|action)\s*=\s*["'](?:/|https?:)|api\(\s*[`"']/|fetch\(\s*[`"']/|url\(\s*["']?/""")]
    private static partial Regex AbsoluteUrl();
}

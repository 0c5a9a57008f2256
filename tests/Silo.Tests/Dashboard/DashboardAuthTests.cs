using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Crawler.Silo.Hosting;
using Crawler.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Crawler.Silo.Tests.Dashboard;

/// <summary>
/// The dashboard on a silo bound beyond loopback (0.0.0.0, reached over 127.0.0.1): the gateway's API key once as
/// <c>?key=</c> (then a cookie), as a header, or basic auth; nothing else gets in.
/// </summary>
public sealed class DashboardAuthTests : IAsyncLifetime
{
    private const string Key = "test-key-0123456789";
    private const string User = "operator";
    private const string Password = "dashboard-password";
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await RunningSilo.StartAsync(
            "http://0.0.0.0:0",
            $"--Gateway:ApiKey={Key}",
            "--Silo:ClusterKey=test-cluster-key-0123456789",
            $"--Dashboard:Username={User}",
            $"--Dashboard:Password={Password}");

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/dashboard.js")]
    [InlineData("/dashboard/api/cluster")]
    [InlineData("/dashboard/api/logs")]
    public async Task Get_PublicBindingWithoutCredentials_Returns401(string path)
    {
        using var response = await _silo.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Post_CancelWithoutCredentials_Returns401()
    {
        using var response = await _silo.Http.PostAsync("/dashboard/api/jobs/any/cancel", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_ApiKeyHeader_IsServed()
    {
        using var response = await _silo.Http.SendAsync(RunningSilo.Request(HttpMethod.Get, "/dashboard/api/cluster", apiKey: Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_WrongApiKey_Returns401()
    {
        using var response = await _silo.Http.SendAsync(RunningSilo.Request(HttpMethod.Get, "/dashboard/api/cluster", apiKey: Key + "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_KeyInQueryOnce_SetsAnHttpOnlyCookieThatLetsThePageIn()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var browser = new HttpClient(handler) { BaseAddress = _silo.Address };

        using var page = await browser.GetAsync($"/dashboard/?key={Key}");
        using var api = await browser.GetAsync("/dashboard/api/cluster");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var setCookie = Assert.Single(page.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Key, setCookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Get_ForgedCookie_Returns401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/cluster");
        request.Headers.Add("Cookie", "crawler_dashboard=" + Key);

        using var response = await _silo.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(User, Password, HttpStatusCode.OK)]
    [InlineData(User, "wrong", HttpStatusCode.Unauthorized)]
    [InlineData("someone", Password, HttpStatusCode.Unauthorized)]
    public async Task Get_BasicAuth_OnlyTheConfiguredCredentialsGetIn(string user, string password, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/cluster");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

        using var response = await _silo.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public void Build_UsernameWithoutPassword_RefusesToStart()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloApp.Build([.. RunningSilo.QuietArgs, "--urls", "http://127.0.0.1:0", "--Dashboard:Username=someone"]));

        Assert.Contains("Dashboard:Password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PathBaseWithoutLeadingSlash_RefusesToStart()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloApp.Build([.. RunningSilo.QuietArgs, "--urls", "http://127.0.0.1:0", "--Dashboard:PathBase=crawler"]));

        Assert.Contains("Dashboard:PathBase", error.Message, StringComparison.Ordinal);
    }
}

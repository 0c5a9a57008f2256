using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Client.Cli;
using Crawler.Client.Embedded;
using Crawler.Client.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Client.Tests.Embedded;

/// <summary>The dashboard of the CLI's embedded silo: served on loopback, printed by crawl and demo, and off on request.</summary>
public sealed class EmbeddedSiloDashboardTests
{
    [Fact]
    public async Task StartAsync_WithDashboardUrl_ServesTheSilosDashboardOnAFreeLoopbackPort()
    {
        await using var silo = await EmbeddedSilo.StartAsync(_ => { }, null, null, null, CancellationToken.None, "http://127.0.0.1:0");
        using var http = new HttpClient();

        var cluster = await http.GetFromJsonAsync<JsonElement>(new Uri(silo.DashboardUrl!, "api/cluster"));
        var page = await http.GetStringAsync(silo.DashboardUrl);

        Assert.Equal("127.0.0.1", silo.DashboardUrl!.Host);
        Assert.NotEqual(0, silo.DashboardUrl.Port);
        var entry = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal(silo.Silo.SiloId, entry.GetProperty("siloId").GetString());
        Assert.Equal("up", entry.GetProperty("state").GetString());
        Assert.Contains("dashboard.js", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NonLoopbackDashboardUrl_RefusesWithACliError()
    {
        var error = await Assert.ThrowsAsync<CliException>(() => EmbeddedSilo.StartAsync(_ => { }, null, null, null, CancellationToken.None, "http://0.0.0.0:0"));

        Assert.Contains("--dashboard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoDashboardUrl_ServesNone()
    {
        await using var silo = await EmbeddedSilo.StartAsync(_ => { }, null, null, null, CancellationToken.None);

        Assert.Null(silo.DashboardUrl);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Demo_DashboardOptions_PrintTheUrlUnlessTurnedOff(bool off)
    {
        using var cli = new CliRun();
        var output = Path.Combine(Path.GetTempPath(), $"dash-demo-{Guid.NewGuid():N}.jsonl");
        try
        {
            string[] args = ["demo", "--pages", "30", "--hosts", "1", "-o", output, .. off ? new[] { "--no-dashboard" } : []];

            var exit = await cli.RunAsync(args);

            Assert.Equal(0, exit);
            Assert.Equal(!off, cli.Out.Contains("dashboard: http://127.0.0.1:", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(output);
        }
    }
}

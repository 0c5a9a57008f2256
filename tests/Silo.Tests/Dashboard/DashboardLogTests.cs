using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Silo.Tests.Infrastructure;

namespace Crawler.Silo.Tests.Dashboard;

/// <summary>The live log tail: the silo's own Serilog events, from the in-memory ring, newer than what the page has.</summary>
public sealed class DashboardLogTests
{
    /// <summary>Information events reach the ring; the console and file sinks are held back so the test's output stays clean.</summary>
    private static readonly string[] InformationToRingOnly =
    [
        "--Serilog:MinimumLevel:Default=Information",
        "--Serilog:WriteTo:0:Args:restrictedToMinimumLevel=Fatal",
        "--Serilog:WriteTo:1:Args:restrictedToMinimumLevel=Fatal",
    ];

    [Fact]
    public async Task GetLogs_SiloStarted_TailsItsLogInOrderAndOnlyNewerLinesAfterASequence()
    {
        await using var silo = await RunningSilo.StartAsync(args: InformationToRingOnly);

        var lines = (await silo.Http.GetFromJsonAsync<JsonElement>("/dashboard/api/logs?after=0")).EnumerateArray().ToList();

        Assert.Contains(lines, l => l.GetProperty("message").GetString()!.Contains("started with 64 partitions", StringComparison.Ordinal));
        var sequences = lines.Select(l => l.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        var last = sequences[^1];
        var newer = await silo.Http.GetFromJsonAsync<JsonElement>($"/dashboard/api/logs?after={last}");
        Assert.DoesNotContain(newer.EnumerateArray(), l => l.GetProperty("sequence").GetInt64() <= last);
    }
}

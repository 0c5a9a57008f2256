using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Runtime.Substrate;
using Crawler.Silo.Dashboard;
using Crawler.Silo.Logging;
using Crawler.Silo.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using Serilog.Parsing;
using SiloHost = Crawler.Runtime.Hosting.Silo;

namespace Crawler.Silo.Tests.Dashboard;

/// <summary>
/// The live log tail: every live silo's Serilog events, from their in-memory rings, newer than the page's cursor. A
/// second silo is made a peer of the first by writing its row into the first one's substrate (each runs in memory on
/// its own), with a heartbeat far enough ahead that it stays alive for the test.
/// </summary>
public sealed class DashboardLogTests
{
    private const string PeerId = "peer-b";

    /// <summary>Information events reach the ring; the console and file sinks are held back so the test's output stays clean.</summary>
    private static readonly string[] InformationToRingOnly =
    [
        "--Serilog:MinimumLevel:Default=Information",
        "--Serilog:WriteTo:0:Args:restrictedToMinimumLevel=Fatal",
        "--Serilog:WriteTo:1:Args:restrictedToMinimumLevel=Fatal",
    ];

    private static readonly string[] PeerArgs = [.. InformationToRingOnly, $"--Silo:SiloId={PeerId}"];

    [Fact]
    public async Task GetLogs_SiloStarted_TailsItsLogInOrderTaggedWithItAndOnlyNewerLinesAfterTheCursor()
    {
        await using var silo = await RunningSilo.StartAsync(args: InformationToRingOnly);
        var siloId = IdOf(silo);

        var tail = await ReadLogsAsync(silo, "");

        var lines = tail.GetProperty("lines").EnumerateArray().ToList();
        Assert.Contains(lines, l => Message(l).Contains("started with 64 partitions", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(siloId, l.GetProperty("silo").GetString()));
        var sequences = lines.Select(l => l.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Empty(tail.GetProperty("unanswered").EnumerateObject());
        Write(silo, "written after the first read");
        var newer = (await ReadLogsAsync(silo, Cursor(tail))).GetProperty("lines").EnumerateArray().ToList();
        Assert.Contains(newer, l => Message(l) == "written after the first read");
        Assert.DoesNotContain(newer, l => l.GetProperty("sequence").GetInt64() <= sequences[^1]);
    }

    [Fact]
    public async Task GetLogs_TwoSilos_MergesTheirLinesInTimeOrderEachTaggedWithItsSilo()
    {
        await using var silo = await RunningSilo.StartAsync(args: InformationToRingOnly);
        await using var peer = await RunningSilo.StartAsync(args: PeerArgs);
        await RegisterAsync(silo, PeerId, peer);
        var siloId = IdOf(silo);
        // Written out of time order across the two rings, so only a merge by time puts them in order.
        var at = DateTimeOffset.UtcNow.AddHours(1);
        Write(peer, "merge 1", at);
        Write(peer, "merge 3", at.AddSeconds(2));
        Write(silo, "merge 2", at.AddSeconds(1));
        Write(silo, "merge 4", at.AddSeconds(3));

        var tail = await ReadLogsAsync(silo, "");

        var lines = tail.GetProperty("lines").EnumerateArray().ToList();
        var merged = lines.Where(l => Message(l).StartsWith("merge ", StringComparison.Ordinal)).Select(l => (Message(l), Silo(l))).ToList();
        Assert.Equal([("merge 1", PeerId), ("merge 2", siloId), ("merge 3", PeerId), ("merge 4", siloId)], merged);
        var times = lines.Select(l => l.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Contains(lines, l => Silo(l) == PeerId && Message(l).Contains($"Silo {PeerId} started", StringComparison.Ordinal));
        Assert.Empty(tail.GetProperty("unanswered").EnumerateObject());
    }

    [Fact]
    public async Task GetLogs_AfterTheCursor_ReturnsOnlyLinesNewToEachSilo()
    {
        await using var silo = await RunningSilo.StartAsync(args: InformationToRingOnly);
        await using var peer = await RunningSilo.StartAsync(args: PeerArgs);
        await RegisterAsync(silo, PeerId, peer);
        Write(silo, "first here");
        Write(peer, "first there");
        var first = await ReadLogsAsync(silo, "");
        var seen = first.GetProperty("lines").EnumerateArray().Select(l => (Silo(l), l.GetProperty("sequence").GetInt64())).ToHashSet();
        Assert.Contains(first.GetProperty("lines").EnumerateArray(), l => Message(l) == "first there");

        Write(silo, "second here");
        Write(peer, "second there");
        var second = (await ReadLogsAsync(silo, Cursor(first))).GetProperty("lines").EnumerateArray().ToList();

        Assert.Contains(second, l => Message(l) == "second here" && Silo(l) == IdOf(silo));
        Assert.Contains(second, l => Message(l) == "second there" && Silo(l) == PeerId);
        Assert.DoesNotContain(second, l => seen.Contains((Silo(l), l.GetProperty("sequence").GetInt64())));
        Assert.DoesNotContain(second, l => Message(l).StartsWith("first ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetLogs_PeerUnreachable_AnswersWithTheOthersNamesItAndKeepsItsPosition()
    {
        await using var silo = await RunningSilo.StartAsync(args: InformationToRingOnly);
        await RegisterAsync(silo, "zz-gone", new Uri($"http://127.0.0.1:{ClosedPorts.Next()}/"));
        Write(silo, "still here");

        var tail = await ReadLogsAsync(silo, "zz-gone:0123456789ab:5");

        Assert.Contains(tail.GetProperty("lines").EnumerateArray(), l => Message(l) == "still here" && Silo(l) == IdOf(silo));
        Assert.True(tail.GetProperty("unanswered").TryGetProperty("zz-gone", out var why), "the silo that did not answer is named");
        Assert.False(string.IsNullOrEmpty(why.GetString()));
        Assert.Contains("zz-gone:0123456789ab:5", Cursor(tail).Split(','));
    }

    [Fact]
    public async Task GetLogs_PeerRestartedUnderTheSameId_ReadsItAgainFromItsStart()
    {
        await using var silo = await RunningSilo.StartAsync(args: InformationToRingOnly);
        var before = await RunningSilo.StartAsync(args: PeerArgs);
        JsonElement first;
        await using (before)
        {
            await RegisterAsync(silo, PeerId, before);
            // Far past where the restarted peer's sequence will be, so a cursor that ignored the restart would skip it all.
            for (var i = 0; i < 150; i++)
            {
                Write(before, $"before restart {i}");
            }

            first = await ReadLogsAsync(silo, "");
        }

        Assert.True(LogCursor.TryParse(Cursor(first), out var cursor));
        Assert.True(cursor.PositionOf(PeerId)?.Sequence >= 150, $"the peer was read to its end: {Cursor(first)}");

        await using var after = await RunningSilo.StartAsync(args: PeerArgs);
        await RegisterAsync(silo, PeerId, after);
        Write(after, "after restart");
        var second = (await ReadLogsAsync(silo, Cursor(first))).GetProperty("lines").EnumerateArray().Where(l => Silo(l) == PeerId).ToList();

        Assert.Equal(1, second[0].GetProperty("sequence").GetInt64());
        Assert.Contains(second, l => Message(l) == "after restart");
        Assert.DoesNotContain(second, l => Message(l).StartsWith("before restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetLogs_CursorNotWrittenByTheDashboard_Returns400()
    {
        await using var silo = await RunningSilo.StartAsync();

        using var response = await silo.Http.GetAsync("/dashboard/api/logs?after=123");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<JsonElement> ReadLogsAsync(RunningSilo silo, string cursor) =>
        await silo.Http.GetFromJsonAsync<JsonElement>($"/dashboard/api/logs?after={Uri.EscapeDataString(cursor)}");

    private static Task RegisterAsync(RunningSilo silo, string siloId, RunningSilo peer) => RegisterAsync(silo, siloId, peer.Address);

    private static Task RegisterAsync(RunningSilo silo, string siloId, Uri address)
    {
        var now = DateTimeOffset.UtcNow;
        return silo.App.Services.GetRequiredService<ISubstrate>().UpsertSiloAsync(
            new SiloRecord(siloId, address.ToString(), SiloStatus.Active, now, now.AddMinutes(5), 0),
            CancellationToken.None);
    }

    private static void Write(RunningSilo silo, string message, DateTimeOffset? at = null) =>
        silo.App.Services.GetRequiredService<LogRing>().Emit(
            new LogEvent(at ?? DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse(message), []));

    private static string IdOf(RunningSilo silo) => silo.App.Services.GetRequiredService<SiloHost>().SiloId;

    private static string Cursor(JsonElement tail) => tail.GetProperty("cursor").GetString()!;

    private static string Message(JsonElement line) => line.GetProperty("message").GetString()!;

    private static string Silo(JsonElement line) => line.GetProperty("silo").GetString()!;

}

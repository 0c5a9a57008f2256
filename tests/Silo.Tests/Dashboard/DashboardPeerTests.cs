using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Runtime.Substrate;
using Crawler.Silo.Tests.Infrastructure;
using Crawler.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Silo.Tests.Dashboard;

/// <summary>
/// Aggregation with peers that cannot answer. The silo's own substrate gets the rows a crashed and a hung silo leave;
/// the silo has a fresh substrate of its own, since a live-looking peer makes it hand partitions over.
/// </summary>
public sealed class DashboardPeerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task GetCluster_PeersDeadAndUnreachable_ShowsEachAsSuchAndThisOneUp()
    {
        await using var silo = await RunningSilo.StartAsync();
        var substrate = silo.App.Services.GetRequiredService<ISubstrate>();
        var now = DateTimeOffset.UtcNow;
        await substrate.UpsertSiloAsync(new SiloRecord("zz-dead", "http://127.0.0.1:9", SiloStatus.Dead, now.AddMinutes(-5), now.AddMinutes(-1), 0), CancellationToken.None);
        await substrate.UpsertSiloAsync(new SiloRecord("zz-stale", "http://127.0.0.1:9", SiloStatus.Active, now.AddMinutes(-5), now.AddMinutes(-1), 0), CancellationToken.None);
        await substrate.UpsertSiloAsync(new SiloRecord("zz-gone", $"http://127.0.0.1:{ClosedPorts.Next()}", SiloStatus.Active, now, now, 0), CancellationToken.None);

        var states = await ReadStatesUntilAsync(silo.Http, s => s.ContainsKey("zz-gone"));

        Assert.Equal("dead", states["zz-dead"]);
        Assert.Equal("dead", states["zz-stale"]);
        Assert.Equal("unreachable", states["zz-gone"]);
        Assert.Equal(1, states.Values.Count(s => s == "up"));
    }

    [Fact]
    public async Task GetCluster_PeerThatHangs_IsUnreachableWithinThePeerTimeout()
    {
        await using var silo = await RunningSilo.StartAsync(args: "--Dashboard:PeerTimeout=00:00:00.300");
        using var hung = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        hung.Start(); // accepts connections, never answers
        var substrate = silo.App.Services.GetRequiredService<ISubstrate>();
        var now = DateTimeOffset.UtcNow;
        await substrate.UpsertSiloAsync(new SiloRecord("zz-hung", $"http://127.0.0.1:{((IPEndPoint)hung.LocalEndpoint).Port}", SiloStatus.Active, now, now, 0), CancellationToken.None);

        var cluster = await ReadUntilAsync(silo.Http, c => c.GetProperty("silos").GetArrayLength() == 2);

        var entry = Assert.Single(cluster.GetProperty("silos").EnumerateArray(), s => s.GetProperty("siloId").GetString() == "zz-hung");
        Assert.Equal("unreachable", entry.GetProperty("state").GetString());
        Assert.Contains("no answer", entry.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeerSnapshot_FromLoopbackWithoutClusterKey_IsServed()
    {
        await using var silo = await RunningSilo.StartAsync();

        var snapshot = await silo.Http.GetFromJsonAsync<JsonElement>("/_silo/dashboard");

        Assert.Equal("Active", snapshot.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/_silo/dashboard")]
    [InlineData("/_silo/dashboard/logs?after=0")]
    public async Task PeerEndpoint_ClusterKeySetAndNotSent_Returns401(string path)
    {
        await using var silo = await RunningSilo.StartAsync(args: "--Silo:ClusterKey=test-cluster-key-0123456789");

        using var response = await silo.Http.GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Crawler-Cluster-Key", "test-cluster-key-0123456789");
        using var keyed = await silo.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }

    [Fact]
    public async Task PeerLogs_CursorOfAnotherInstance_ServesEveryKeptLineWithThisInstance()
    {
        await using var silo = await RunningSilo.StartAsync(args: ["--Serilog:MinimumLevel:Default=Information", "--Serilog:WriteTo:0:Args:restrictedToMinimumLevel=Fatal", "--Serilog:WriteTo:1:Args:restrictedToMinimumLevel=Fatal"]);
        var ring = silo.App.Services.GetRequiredService<Crawler.Silo.Logging.LogRing>();

        var sameInstance = await silo.Http.GetFromJsonAsync<JsonElement>($"/_silo/dashboard/logs?after=1000000&instance={ring.Instance}");
        var otherInstance = await silo.Http.GetFromJsonAsync<JsonElement>("/_silo/dashboard/logs?after=1000000&instance=another");

        Assert.Equal(ring.Instance, otherInstance.GetProperty("instance").GetString());
        Assert.Empty(sameInstance.GetProperty("entries").EnumerateArray());
        Assert.Equal(1, otherInstance.GetProperty("entries")[0].GetProperty("sequence").GetInt64());
    }


    private static async Task<Dictionary<string, string>> ReadStatesUntilAsync(HttpClient http, Func<Dictionary<string, string>, bool> done)
    {
        var cluster = await ReadUntilAsync(http, c => done(StatesOf(c)));
        return StatesOf(cluster);
    }

    /// <summary>Reads the cluster view until it shows what the test wrote (the view is reused for a second).</summary>
    private static async Task<JsonElement> ReadUntilAsync(HttpClient http, Func<JsonElement, bool> done)
    {
        JsonElement cluster = default;
        await Polling.WaitUntilAsync(
            async () => done(cluster = await http.GetFromJsonAsync<JsonElement>("/dashboard/api/cluster")),
            Deadline,
            TimeSpan.FromMilliseconds(200),
            "the cluster view shows the rows written");
        return cluster;
    }

    private static Dictionary<string, string> StatesOf(JsonElement cluster) =>
        cluster.GetProperty("silos").EnumerateArray().ToDictionary(s => s.GetProperty("siloId").GetString()!, s => s.GetProperty("state").GetString()!);
}

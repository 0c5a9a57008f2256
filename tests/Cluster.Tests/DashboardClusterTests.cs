using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Cluster.Tests.Infrastructure;
using Crawler.Testing.Postgres;
using Xunit.Abstractions;

namespace Crawler.Cluster.Tests;

/// <summary>The dashboard of a cluster of silo processes: every silo's view aggregates all of them, and a killed one shows dead.</summary>
public sealed class DashboardClusterTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task ClusterView_ThreeSilosThenOneKilled_EverySiloListsAllAndTheKilledOneDeadWithinItsLease()
    {
        await using var cluster = SiloCluster.OnTestServer(new ClusterSettings(), output);
        string[] ids = ["dash-a", "dash-b", "dash-c"];
        await cluster.StartBalancedAsync(ids);
        foreach (var silo in cluster.Silos)
        {
            // A peer's first answer (the dashboard's code still to be compiled there) may miss the view's short peer
            // deadline on a loaded machine and show "unreachable" for that round; the next round asks it again.
            await SiloCluster.WaitUntilAsync(
                async () => (await StatesAsync(cluster, silo.Address!)).Values.All(state => state == "up"),
                TimeSpan.FromSeconds(30),
                $"{silo.SiloId}'s dashboard shows every silo up");
            var states = await StatesAsync(cluster, silo.Address!);
            Assert.Equal(ids, states.Keys.Order(StringComparer.Ordinal));
            Assert.All(states.Values, state => Assert.Equal("up", state));
        }

        var victim = cluster.Silos.Single(s => s.SiloId == "dash-b");
        victim.Kill();

        // Dead once its heartbeat is a lease old: the bound is the lease, plus a membership period and the view's one-second reuse.
        var bound = cluster.Settings.LeaseDuration + cluster.Settings.MembershipPeriod + TimeSpan.FromSeconds(1.5);
        foreach (var survivor in cluster.Silos.Where(s => s != victim))
        {
            await SiloCluster.WaitUntilAsync(
                async () => (await StatesAsync(cluster, survivor.Address!)).GetValueOrDefault("dash-b") == "dead",
                bound,
                $"{survivor.SiloId}'s dashboard shows dash-b dead");
            var states = await StatesAsync(cluster, survivor.Address!);
            Assert.Equal("up", states["dash-a"]);
            Assert.Equal("up", states["dash-c"]);
        }
    }

    private static async Task<Dictionary<string, string>> StatesAsync(SiloCluster cluster, Uri silo)
    {
        var view = await cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(silo, "/dashboard/api/cluster"));
        return view.GetProperty("silos").EnumerateArray()
            .ToDictionary(s => s.GetProperty("siloId").GetString()!, s => s.GetProperty("state").GetString()!, StringComparer.Ordinal);
    }
}

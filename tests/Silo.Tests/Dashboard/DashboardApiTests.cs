using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Silo.Tests.Infrastructure;

namespace Crawler.Silo.Tests.Dashboard;

/// <summary>The dashboard's JSON API on one silo that has crawled a site: shapes, jobs, grain look-up, log tail.</summary>
public sealed class DashboardApiTests(CrawledSiloFixture fixture) : IClassFixture<CrawledSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task GetCluster_AfterACrawl_ListsThisSiloUpWithItsSnapshot()
    {
        var cluster = await Http.GetFromJsonAsync<JsonElement>("/dashboard/api/cluster");

        var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal(cluster.GetProperty("answeringSilo").GetString(), silo.GetProperty("siloId").GetString());
        Assert.Equal("up", silo.GetProperty("state").GetString());
        var snapshot = silo.GetProperty("snapshot");
        Assert.Equal(64, snapshot.GetProperty("partitions").GetArrayLength());
        Assert.True(snapshot.GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(snapshot.GetProperty("activationsByType").GetProperty("url").GetInt32() > 0);
        Assert.True(snapshot.GetProperty("pages").GetInt64() >= fixture.Results);
        Assert.Equal(1, cluster.GetProperty("totals").GetProperty("silosUp").GetInt32());
        Assert.Contains(CrawledSiloFixture.JobId, cluster.GetProperty("jobs").EnumerateArray().Select(j => j.GetString()));
    }

    [Fact]
    public async Task GetCluster_AfterACrawl_CountsGrainMethodsWithLatencyPercentiles()
    {
        var cluster = await Http.GetFromJsonAsync<JsonElement>("/dashboard/api/cluster");

        var methods = cluster.GetProperty("totals").GetProperty("methods").EnumerateArray().ToList();
        var discover = Assert.Single(methods, m => m.GetProperty("method").GetString()!.EndsWith("IUrlGrain.DiscoverAsync", StringComparison.Ordinal));
        Assert.True(discover.GetProperty("calls").GetInt64() >= fixture.Results);
        var p50 = discover.GetProperty("p50Ms").GetDouble();
        var p99 = discover.GetProperty("p99Ms").GetDouble();
        Assert.True(p50 > 0 && p50 <= p99, $"p50 {p50} ms, p99 {p99} ms");
        Assert.Equal(discover.GetProperty("calls").GetInt64(), discover.GetProperty("latencyCounts").EnumerateArray().Sum(c => c.GetInt64()));
    }

    [Fact]
    public async Task GetCluster_AfterACrawl_ListsTheSiteHostsFromTheirGrains()
    {
        var cluster = await Http.GetFromJsonAsync<JsonElement>("/dashboard/api/cluster");

        var hosts = cluster.GetProperty("hosts").EnumerateArray().ToList();
        var expected = fixture.Site.HostRoots.Select(r => r.GetLeftPart(UriPartial.Authority)).Order().ToList();
        Assert.Equal(expected, hosts.Select(h => h.GetProperty("host").GetString()!).Order().ToList());
        Assert.All(hosts, h =>
        {
            Assert.True(h.GetProperty("fetches").GetInt64() > 0);
            Assert.Equal("closed", h.GetProperty("circuit").GetString());
            Assert.Equal(0, h.GetProperty("inFlight").GetInt32());
        });
    }

    [Fact]
    public async Task GetJob_CompletedCrawl_ShowsProgressAndStatusCodes()
    {
        var job = await Http.GetFromJsonAsync<JsonElement>($"/dashboard/api/jobs/{CrawledSiloFixture.JobId}");

        var status = job.GetProperty("status");
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(fixture.Results, status.GetProperty("done").GetInt64());
        Assert.Equal(fixture.Results, status.GetProperty("statusCodes").EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.Equal(0, job.GetProperty("etaSeconds").GetDouble());

        // The site answers some links with 404: those are the job's recent errors.
        var errors = job.GetProperty("recentErrors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.GetProperty("status").ValueKind == JsonValueKind.Null || e.GetProperty("status").GetInt32() >= 400));
    }

    [Fact]
    public async Task GetJobs_AfterACrawl_ListsTheJob()
    {
        var jobs = await Http.GetFromJsonAsync<JsonElement>("/dashboard/api/jobs");

        var job = Assert.Single(jobs.EnumerateArray(), j => j.GetProperty("status").GetProperty("jobId").GetString() == CrawledSiloFixture.JobId);
        Assert.Equal(fixture.Results, job.GetProperty("status").GetProperty("done").GetInt64());
    }

    [Fact]
    public async Task GetJob_UnknownJob_Returns404()
    {
        using var response = await Http.GetAsync("/dashboard/api/jobs/no-such-job");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task LookUp_JobGrain_ShowsItsCommittedStateOwnerAndActivation()
    {
        var found = await Http.GetFromJsonAsync<JsonElement>($"/dashboard/api/grains/lookup?type=job&key={CrawledSiloFixture.JobId}");

        Assert.Equal("job", found.GetProperty("type").GetString());
        Assert.True(found.GetProperty("hasState").GetBoolean());
        Assert.Equal(fixture.Results, found.GetProperty("state").GetProperty("done").GetInt64());
        var cluster = await Http.GetFromJsonAsync<JsonElement>("/dashboard/api/cluster");
        Assert.Equal(cluster.GetProperty("answeringSilo").GetString(), found.GetProperty("owner").GetString());
        Assert.True(found.GetProperty("active").GetBoolean());
        var partition = found.GetProperty("partition").GetInt32();
        Assert.InRange(partition, 0, 63);
    }

    [Fact]
    public async Task LookUp_HostGrainByItsKey_IsActiveWithNoDurableState()
    {
        var host = fixture.Site.Root.GetLeftPart(UriPartial.Authority);

        var found = await Http.GetFromJsonAsync<JsonElement>($"/dashboard/api/grains/lookup?type=host&key={Uri.EscapeDataString(host)}");

        Assert.True(found.GetProperty("active").GetBoolean());
        Assert.False(found.GetProperty("hasState").GetBoolean());
    }

    [Fact]
    public async Task LookUp_GrainNeverActivated_IsInactiveWithoutState()
    {
        var found = await Http.GetFromJsonAsync<JsonElement>("/dashboard/api/grains/lookup?type=job&key=never-started");

        Assert.False(found.GetProperty("active").GetBoolean());
        Assert.False(found.GetProperty("hasState").GetBoolean());
    }

    [Fact]
    public async Task LookUp_UnknownGrainType_Returns404NamingTheTypes()
    {
        using var response = await Http.GetAsync("/dashboard/api/grains/lookup?type=nope&key=x");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("url", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crawler.Silo.Tests.Infrastructure;
using Crawler.SyntheticSite;
using Microsoft.Extensions.DependencyInjection;
using SiloHost = Crawler.Runtime.Hosting.Silo;

namespace Crawler.Silo.Tests.Gateway;

public sealed class GatewayEndpointsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Fact]
    public async Task SubmitJob_ValidSpec_CrawlsEveryReachablePageAndCompletes()
    {
        using var submitted = await Http.PostAsync("/api/jobs", Ndjson.Submission("full", fixture.Site.Root.ToString()));

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal("/api/jobs/full", submitted.Headers.Location?.ToString());
        var accepted = await Ndjson.ReadJsonAsync(submitted);
        Assert.Equal("full", accepted.GetProperty("jobId").GetString());
        Assert.True(accepted.GetProperty("state").GetString() is "running" or "completed");

        var results = await Ndjson.ReadAllAsync(Http, "/api/jobs/full/results?follow=true");
        var urls = results.Select(r => r.GetProperty("url").GetString()!).ToList();
        Assert.Equal(fixture.Site.Reachable(SiteScope.RootHost).Order(StringComparer.Ordinal), urls.Order(StringComparer.Ordinal));

        var status = await Http.GetFromJsonAsync<JsonElement>("/api/jobs/full");
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(urls.Count, status.GetProperty("done").GetInt64());
    }

    [Fact]
    public async Task GetResults_Offset_ReturnsTheRestInTheSameOrder()
    {
        (await Http.PostAsync("/api/jobs", Ndjson.Submission("offset", fixture.Site.Root.ToString()))).EnsureSuccessStatusCode();
        var all = await Ndjson.ReadAllAsync(Http, "/api/jobs/offset/results?follow=true");

        var rest = await Ndjson.ReadAllAsync(Http, "/api/jobs/offset/results?offset=10");
        var beyond = await Ndjson.ReadAllAsync(Http, $"/api/jobs/offset/results?offset={all.Count + 5}");

        Assert.True(all.Count > 10);
        Assert.Equal(all.Skip(10).Select(r => r.GetProperty("url").GetString()), rest.Select(r => r.GetProperty("url").GetString()));
        Assert.Empty(beyond);
    }

    [Fact]
    public async Task GetResults_Follow_StreamsResultsWhileTheJobRunsAndEndsWhenItEnds()
    {
        await using var site = await GatedSite.StartAsync();
        (await Http.PostAsync("/api/jobs", Ndjson.Submission("follow", site.Open.ToString(), site.Gate.ToString()))).EnsureSuccessStatusCode();

        using var response = await Http.GetAsync("/api/jobs/follow/results?follow=true", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
        await site.Reached;
        var whileGated = await Http.GetFromJsonAsync<JsonElement>("/api/jobs/follow");
        site.Release();
        var second = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
        var end = await reader.ReadLineAsync();

        Assert.Equal(site.Open.ToString(), first.GetProperty("url").GetString());
        Assert.Equal("running", whileGated.GetProperty("state").GetString());
        Assert.Equal(site.Gate.ToString(), second.GetProperty("url").GetString());
        Assert.Null(end);
        var after = await Http.GetFromJsonAsync<JsonElement>("/api/jobs/follow");
        Assert.Equal("completed", after.GetProperty("state").GetString());
    }

    [Fact]
    public async Task CancelJob_RunningJob_CancelsItAndEndsItsFollowedStream()
    {
        await using var site = await GatedSite.StartAsync();
        (await Http.PostAsync("/api/jobs", Ndjson.Submission("cancel", site.Gate.ToString()))).EnsureSuccessStatusCode();
        await site.Reached;

        using var cancelled = await Http.PostAsync("/api/jobs/cancel/cancel", null);
        using var again = await Http.PostAsync("/api/jobs/cancel/cancel", null);
        var results = await Ndjson.ReadAllAsync(Http, "/api/jobs/cancel/results?follow=true");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await Ndjson.ReadJsonAsync(cancelled)).GetProperty("state").GetString());
        Assert.Equal("cancelled", (await Ndjson.ReadJsonAsync(again)).GetProperty("state").GetString());
        Assert.Empty(results);
    }

    [Fact]
    public async Task PauseAndResumeJob_RunningJob_PauseItThenLetItRunAgain()
    {
        await using var site = await GatedSite.StartAsync();
        (await Http.PostAsync("/api/jobs", Ndjson.Submission("pausing", site.Gate.ToString()))).EnsureSuccessStatusCode();
        await site.Reached;

        using var paused = await Http.PostAsync("/api/jobs/pausing/pause", null);
        var whilePaused = await Http.GetFromJsonAsync<JsonElement>("/api/jobs/pausing");
        using var resumed = await Http.PostAsync("/api/jobs/pausing/resume", null);
        using var resumedAgain = await Http.PostAsync("/api/jobs/pausing/resume", null);
        site.Release();
        var results = await Ndjson.ReadAllAsync(Http, "/api/jobs/pausing/results?follow=true");

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("paused", (await Ndjson.ReadJsonAsync(paused)).GetProperty("state").GetString());
        Assert.Equal("paused", whilePaused.GetProperty("state").GetString());
        Assert.Equal("running", (await Ndjson.ReadJsonAsync(resumed)).GetProperty("state").GetString());
        Assert.Equal("running", (await Ndjson.ReadJsonAsync(resumedAgain)).GetProperty("state").GetString());
        Assert.Equal([site.Gate.ToString()], results.Select(r => r.GetProperty("url").GetString()));
    }

    [Theory]
    [InlineData("POST", "/api/jobs/nosuch/pause")]
    [InlineData("POST", "/api/jobs/nosuch/resume")]
    [InlineData("GET", "/api/jobs/nosuch")]
    [InlineData("GET", "/api/jobs/nosuch/results")]
    [InlineData("GET", "/api/jobs/nosuch/results?follow=true")]
    [InlineData("POST", "/api/jobs/nosuch/cancel")]
    public async Task JobEndpoints_UnknownJob_Return404WithMessage(string method, string path)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("No job 'nosuch' on this cluster.", (await Ndjson.ReadJsonAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("not json", "not a valid job submission")]
    [InlineData("{}", "needs a \"spec\"")]
    [InlineData("{\"spec\":{}}", "seeds")]
    [InlineData("{\"spec\":{\"seeds\":[]}}", "at least one seed")]
    [InlineData("{\"spec\":{\"seeds\":[\"ftp://127.0.0.1/\"]}}", "ftp://127.0.0.1/")]
    [InlineData("{\"spec\":{\"seeds\":[\"http://127.0.0.1:1/\"],\"include\":[\"(\"]}}", "(")]
    [InlineData("{\"spec\":{\"seeds\":[\"http://127.0.0.1:1/\"],\"maxPages\":-1}}", "must not be negative")]
    [InlineData("{\"spec\":{\"seeds\":[\"http://127.0.0.1:1/\"],\"scope\":\"planet\"}}", "not a valid job submission")]
    [InlineData("{\"jobId\":\"bad id!\",\"spec\":{\"seeds\":[\"http://127.0.0.1:1/\"]}}", "not a valid job id")]
    [InlineData("{\"spec\":{\"seeds\":[\"http://127.0.0.1:1/\"],\"warc\":\"/tmp/crawl.txt\"}}", "must name a .warc.gz file")]
    [InlineData("{\"spec\":{\"seeds\":[\"http://127.0.0.1:1/\"],\"warc\":\"/tmp/a\\u0000b.warc.gz\"}}", "no file name may hold")]
    public async Task SubmitJob_BadInput_Returns400WithClearMessage(string body, string expected)
    {
        using var response = await Http.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await Ndjson.ReadJsonAsync(response)).GetProperty("detail").GetString();
        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitJob_BodyOverTheLimit_Returns413()
    {
        var seeds = string.Join(",", Enumerable.Repeat("\"http://127.0.0.1:1/\"", 60_000));

        using var response = await Http.PostAsync("/api/jobs", new StringContent($"{{\"spec\":{{\"seeds\":[{seeds}]}}}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 1,048,576 bytes", (await Ndjson.ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitJob_TakenJobId_Returns409AndLeavesTheJobAlone()
    {
        await using var site = await GatedSite.StartAsync();
        (await Http.PostAsync("/api/jobs", Ndjson.Submission("taken", site.Open.ToString()))).EnsureSuccessStatusCode();

        using var response = await Http.PostAsync("/api/jobs", Ndjson.Submission("taken", fixture.Site.Root.ToString()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already exists", (await Ndjson.ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var results = await Ndjson.ReadAllAsync(Http, "/api/jobs/taken/results?follow=true");
        Assert.Equal([site.Open.ToString()], results.Select(r => r.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task SubmitJob_NoJobId_GeneratesOne()
    {
        await using var site = await GatedSite.StartAsync();

        using var response = await Http.PostAsync("/api/jobs", Ndjson.Submission(null, site.Open.ToString()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await Ndjson.ReadJsonAsync(response)).GetProperty("jobId").GetString();
        Assert.False(string.IsNullOrEmpty(jobId));
        Assert.Equal($"/api/jobs/{jobId}", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("/api/jobs/x/results?offset=-1", "offset")]
    [InlineData("/api/jobs/x/results?offset=ten", "offset")]
    [InlineData("/api/jobs/x/results?follow=maybe", "follow")]
    [InlineData("/api/jobs/bad%20id!", "not a job id")]
    public async Task JobEndpoints_BadParameters_Return400(string path, string expected)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await Ndjson.ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCluster_OneSilo_ShowsItActiveHoldingEveryPartition()
    {
        var silo = fixture.Silo.App.Services.GetRequiredService<SiloHost>();

        var cluster = await Http.GetFromJsonAsync<JsonElement>("/api/cluster");

        Assert.Equal(silo.SiloId, cluster.GetProperty("siloId").GetString());
        var partitionCount = cluster.GetProperty("partitionCount").GetInt32();
        Assert.Equal(64, partitionCount);
        Assert.Equal(0, cluster.GetProperty("unownedPartitions").GetInt32());
        var member = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.Equal(silo.SiloId, member.GetProperty("siloId").GetString());
        Assert.Equal("active", member.GetProperty("status").GetString());
        Assert.Equal(partitionCount, member.GetProperty("partitions").GetInt32());
        var partitions = cluster.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, partitionCount), partitions.Select(p => p.GetProperty("partition").GetInt32()));
        Assert.All(partitions, p => Assert.Equal(silo.SiloId, p.GetProperty("owner").GetString()));
    }

    [Fact]
    public async Task Health_NoKeyConfigured_AnswersWithTheSilo()
    {
        var health = await Http.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Active", health.GetProperty("status").GetString());
    }
}

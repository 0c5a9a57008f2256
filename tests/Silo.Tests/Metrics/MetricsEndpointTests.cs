using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Silo.Metrics;
using Crawler.Silo.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Silo.Tests.Metrics;

/// <summary>
/// /metrics of a silo after a crawl. The instruments are process-wide, so this class runs alone (its collection is
/// not parallel): no other test's pages are counted in.
/// </summary>
[Collection(nameof(MetricsEndpointTests))]
[CollectionDefinition(nameof(MetricsEndpointTests), DisableParallelization = true)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task GetMetrics_AfterACrawl_ParsesAsPrometheusTextAndCountsEveryResult()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 60 }, CancellationToken.None);
        await using var silo = await RunningSilo.StartAsync();
        (await silo.Http.PostAsync("/api/jobs", Ndjson.Submission("metrics", site.Root.ToString()))).EnsureSuccessStatusCode();
        var results = await Ndjson.ReadAllAsync(silo.Http, "/api/jobs/metrics/results?follow=true");

        using var response = await silo.Http.GetAsync("/metrics");
        var (types, samples) = PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(PrometheusTextWriter.ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal("counter", types["crawler_pages_total"]);
        Assert.Equal(results.Count, samples.Where(s => s.Name == "crawler_pages_total").Sum(s => s.Value));
        Assert.Equal(
            results.Count(r => r.GetProperty("status").ValueKind == JsonValueKind.Number && r.GetProperty("status").GetInt32() == 200),
            samples.Single(s => s.Name == "crawler_pages_total" && s.Labels["status"] == "200").Value);
        Assert.Equal("histogram", types["crawler_fetch_duration_ms"]);
        Assert.True(samples.Where(s => s.Name == "crawler_turns_total").Sum(s => s.Value) >= results.Count);
        var status = await silo.Http.GetFromJsonAsync<JsonElement>("/api/jobs/metrics");
        Assert.Equal(status.GetProperty("done").GetInt64(), results.Count);
    }
}

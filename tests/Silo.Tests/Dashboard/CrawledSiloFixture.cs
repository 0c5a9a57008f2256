using Crawler.Silo.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Silo.Tests.Dashboard;

/// <summary>One loopback silo (in memory) that has crawled a small two-host synthetic site to the end, shared by a test class.</summary>
public sealed class CrawledSiloFixture : IAsyncLifetime
{
    public const string JobId = "dash-crawled";

    public RunningSilo Silo { get; private set; } = null!;

    public SyntheticWebSite Site { get; private set; } = null!;

    public int Results { get; private set; }

    public async Task InitializeAsync()
    {
        Site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 80, Hosts = 2 }, CancellationToken.None);
        Silo = await RunningSilo.StartAsync();
        var submission = System.Net.Http.Json.JsonContent.Create(new
        {
            jobId = JobId,
            spec = new { seeds = new[] { Site.Root.ToString() }, minDelay = "00:00:00", perHostConcurrency = 8, scope = "domain" },
        });
        (await Silo.Http.PostAsync("/api/jobs", submission)).EnsureSuccessStatusCode();
        Results = (await Ndjson.ReadAllAsync(Silo.Http, $"/api/jobs/{JobId}/results?follow=true")).Count;
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Site.DisposeAsync();
    }
}

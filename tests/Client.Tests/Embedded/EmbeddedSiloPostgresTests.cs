using System.Text.Json;
using Crawler.Client.Cli;
using Crawler.Client.Embedded;
using Crawler.Client.Tests.Infrastructure;
using Crawler.Grains.Interfaces;
using Crawler.Silo.Tests.Infrastructure;
using Crawler.SyntheticSite;
using Crawler.Testing.Postgres;

namespace Crawler.Client.Tests.Embedded;

/// <summary>`crawl --postgres`: the embedded silo on PostgreSQL, so a crawl outlives the process that ran it.</summary>
public sealed class EmbeddedSiloPostgresTests : IDisposable
{
    private readonly CliRun _cli = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("crawler-pg-cli-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [PostgresFact]
    public async Task Crawl_Postgres_CrawlsEveryReachablePage()
    {
        await using var database = TestPostgres.Create();
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 20 }, CancellationToken.None);
        var output = Path.Combine(_directory, "pg.jsonl");

        var exit = await _cli.RunAsync("crawl", site.Root.ToString(), "--postgres", database.Connection, "--job-id", "pg-crawl",
            "--delay", "0", "--per-host", "8", "--output", output, "--quiet");

        Assert.Equal(CrawlerCli.ExitOk, exit);
        Assert.Equal(site.Reachable(SiteScope.RootHost).Order(StringComparer.Ordinal), UrlsIn(output).Order(StringComparer.Ordinal));
    }

    [PostgresFact]
    public async Task Crawl_PostgresAfterTheFirstProcessCrashed_ResumesTheJobAndRecordsEachPageOnce()
    {
        await using var database = TestPostgres.Create();
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 20 }, CancellationToken.None);
        await using var gated = await GatedSite.StartAsync();
        var spec = new CrawlJobSpec { Seeds = [site.Root.ToString(), gated.Gate.ToString()], MinDelay = TimeSpan.Zero, PerHostConcurrency = 8 };

        // The first process: the job runs until the gated page holds it open, then the silo dies on the spot. Its
        // leases are short so the second process need not wait the default 10 s for them to expire.
        await using (var first = await EmbeddedSilo.StartAsync(_ => { }, null, database.Connection, options =>
        {
            options.LeaseDuration = TimeSpan.FromSeconds(3);
            options.MembershipPeriod = TimeSpan.FromSeconds(1);
        }, CancellationToken.None))
        {
            await first.Jobs.StartAsync("pg-resume", spec, CancellationToken.None);
            await gated.Reached;
            Assert.Equal(JobState.Running, (await first.Jobs.GetStatusAsync("pg-resume", CancellationToken.None)).State);
            first.Silo.Kill();
        }

        gated.Release();
        var output = Path.Combine(_directory, "resumed.jsonl");
        var exit = await _cli.RunAsync("crawl", site.Root.ToString(), gated.Gate.ToString(), "--postgres", database.Connection, "--job-id", "pg-resume",
            "--output", output, "--quiet");

        Assert.Equal(CrawlerCli.ExitOk, exit);
        var urls = UrlsIn(output);
        Assert.Equal(urls.Count, urls.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(site.Reachable(SiteScope.RootHost).Append(gated.Gate.ToString()).Order(StringComparer.Ordinal), urls.Order(StringComparer.Ordinal));
        Assert.Contains("Completed", _cli.Out, StringComparison.Ordinal);
        Assert.Contains("pg-resume", _cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crawl_BadPostgresConnectionString_PrintsOneLineAndExitsWithUsageCode()
    {
        var exit = await _cli.RunAsync("crawl", "http://127.0.0.1:1/", "--postgres", "Host=127.0.0.1;Search Path=Not A Schema!");

        Assert.Equal(CrawlerCli.ExitUsage, exit);
        Assert.StartsWith("crawler: --postgres: ", _cli.Error, StringComparison.Ordinal);
    }

    private static List<string> UrlsIn(string path) =>
        [.. File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("url").GetString()!)];
}

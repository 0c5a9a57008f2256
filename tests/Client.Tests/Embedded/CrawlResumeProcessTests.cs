using System.Diagnostics;
using System.Text.Json;
using Crawler.Client.Cli;
using Crawler.Client.Tests.Infrastructure;
using Crawler.SyntheticSite;
using Crawler.Testing;
using Crawler.Testing.Postgres;

namespace Crawler.Client.Tests.Embedded;

/// <summary>
/// `crawl --postgres` in a real process, SIGKILLed about half way, then `crawl --resume`: every reachable page in the
/// results exactly once, and no page the first process recorded fetched again.
/// </summary>
public sealed class CrawlResumeProcessTests : IDisposable
{
    private readonly CliRun _cli = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("crawler-resume-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [PostgresFact]
    public async Task Crawl_KilledHalfWayThenResumed_RecordsEveryPageOnceAndRefetchesNothingRecorded()
    {
        await using var database = TestPostgres.Create();
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 150, Latency = TimeSpan.FromMilliseconds(50) }, CancellationToken.None);
        var reachable = site.Reachable(SiteScope.RootHost).Order(StringComparer.Ordinal).ToList();
        var first = Path.Combine(_directory, "first.jsonl");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "crawler.dll"), "crawl", site.Root.ToString(),
            "--postgres", database.Connection, "--job-id", "killed", "--delay", "0", "--per-host", "1", "-o", first, "--quiet"])
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start)!)
        {
            try
            {
                await Polling.WaitUntilAsync(() => LineCount(first) >= reachable.Count / 2 || process.HasExited, TimeSpan.FromMinutes(2), "half the pages recorded");
                if (process.HasExited)
                {
                    Assert.Fail($"the crawl ended before it was killed (exit {process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
                }
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        var recordedBeforeKill = UrlsIn(first);
        Assert.InRange(recordedBeforeKill.Count, 1, reachable.Count - 1);
        var resumed = Path.Combine(_directory, "resumed.jsonl");

        var exit = await _cli.RunAsync("crawl", "--resume", "killed", "--postgres", database.Connection, "-o", resumed, "--quiet");

        Assert.Equal(CrawlerCli.ExitOk, exit);
        var urls = UrlsIn(resumed);
        Assert.Equal(reachable, urls.Order(StringComparer.Ordinal));
        Assert.All(recordedBeforeKill, url => Assert.Equal(1, site.RequestsFor(url)));
    }

    [Fact]
    public async Task Crawl_ResumeWithoutPostgres_PrintsOneLineAndExitsWithUsageCode()
    {
        var exit = await _cli.RunAsync("crawl", "--resume", "some-job");

        Assert.Equal(CrawlerCli.ExitUsage, exit);
        Assert.Contains("--resume needs --postgres", _cli.Error, StringComparison.Ordinal);
    }

    private static int LineCount(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Count(c => c == '\n');
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    private static List<string> UrlsIn(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.EndsWith('}'))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("url").GetString()!)];
    }
}

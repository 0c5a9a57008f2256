using System.Text.Json;
using Crawler.Client.Cli;
using Crawler.SyntheticSite;
using Spectre.Console;

namespace Crawler.Client.Tests.Cli;

public sealed class CrawlerCliTests : IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly IAnsiConsole _console;
    private readonly string _directory = Directory.CreateTempSubdirectory("crawler-cli-").FullName;

    public CrawlerCliTests()
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_out),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
    }

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<int> RunAsync(params string[] args) => CrawlerCli.RunAsync(args, CancellationToken.None, _console, _error);

    [Theory]
    [InlineData("crawl", "not a url")]
    [InlineData("crawl", "ftp://example.com/")]
    [InlineData("crawl", "http://127.0.0.1:1/", "--max-pages", "-1")]
    [InlineData("crawl", "http://127.0.0.1:1/", "--max-depth", "-3")]
    [InlineData("crawl", "http://127.0.0.1:1/", "--concurrency", "0")]
    [InlineData("crawl", "http://127.0.0.1:1/", "--delay", "-5")]
    [InlineData("crawl", "http://127.0.0.1:1/", "--scope", "planet")]
    [InlineData("crawl", "http://127.0.0.1:1/", "--job-id", "bad id!")]
    [InlineData("crawl", "http://127.0.0.1:1/", "--include", "(")]
    [InlineData("crawl")]
    [InlineData("crawl", "http://127.0.0.1:1/", "--max-pages", "many")]
    [InlineData("crawl", "http://127.0.0.1:1/", "--format", "xml")]
    [InlineData("crawl", "http://127.0.0.1:1/", "--warc", "archive.zip")]
    [InlineData("fly")]
    public async Task RunAsync_BadArguments_PrintsOneLineAndExitsWithUsageCode(params string[] args)
    {
        var exit = await RunAsync(args);

        Assert.Equal(CrawlerCli.ExitUsage, exit);
        var message = _error.ToString().TrimEnd();
        Assert.StartsWith("crawler: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnwritableOutput_PrintsOneLineAndExitsWithUsageCode()
    {
        var output = Path.Combine(_directory, "no-such-dir", "results.jsonl");

        var exit = await RunAsync("crawl", "http://127.0.0.1:1/", "--output", output);

        Assert.Equal(CrawlerCli.ExitUsage, exit);
        Assert.Contains("cannot write the output file", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Demo_WritesOneLinePerReachablePageAndVerifies()
    {
        var output = Path.Combine(_directory, "demo.jsonl");

        var exit = await RunAsync("demo", "--pages", "300", "--hosts", "3", "--output", output, "--quiet");

        Assert.Equal(CrawlerCli.ExitOk, exit);
        var lines = await File.ReadAllLinesAsync(output);
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 300, Hosts = 3 }, CancellationToken.None);
        var expectedPaths = site.Reachable(SiteScope.AllHosts).Select(u => new Uri(u).PathAndQuery).Order(StringComparer.Ordinal).ToList();
        var recorded = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(expectedPaths.Count, recorded.Count);
        Assert.All(recorded, r =>
        {
            Assert.True(r.TryGetProperty("url", out _));
            Assert.True(r.TryGetProperty("finalUrl", out _));
            Assert.True(r.TryGetProperty("status", out _));
            Assert.True(r.TryGetProperty("error", out _));
        });
        Assert.Contains("verified:", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("pages/s", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CrawlOfLocalSite_WritesResultsAndSummary()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 100 }, CancellationToken.None);
        var output = Path.Combine(_directory, "crawl.jsonl");

        var exit = await RunAsync("crawl", site.Root.ToString(), "--max-pages", "25", "--delay", "0", "--output", output, "--quiet");

        Assert.Equal(CrawlerCli.ExitOk, exit);
        Assert.Equal(25, (await File.ReadAllLinesAsync(output)).Length);
        Assert.Contains("Completed", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CrawlWithCsvSummaryAndWarc_WritesAllThree()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 30 }, CancellationToken.None);
        var output = Path.Combine(_directory, "crawl.csv");
        var summary = Path.Combine(_directory, "summary.json");
        var warc = Path.Combine(_directory, "crawl.warc.gz");

        var exit = await RunAsync("crawl", site.Root.ToString(), "--delay", "0", "-o", output, "--summary", summary, "--warc", warc, "--quiet");

        Assert.Equal(CrawlerCli.ExitOk, exit);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.StartsWith("url,final_url,status,", lines[0], StringComparison.Ordinal);
        var reachable = site.Reachable(SiteScope.RootHost).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(reachable, lines.Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        Assert.Equal(reachable.Count, json.RootElement.GetProperty("results").GetInt64());
        Assert.Equal(reachable.Count, json.RootElement.GetProperty("status").GetProperty("done").GetInt64());
        Assert.Equal("Completed", json.RootElement.GetProperty("status").GetProperty("state").GetString());
        Assert.True(new FileInfo(Path.Combine(_directory, "crawl-00000.warc.gz")).Length > 0);
    }
}

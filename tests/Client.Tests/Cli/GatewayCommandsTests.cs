using System.Text.Json;
using Crawler.Client.Cli;
using Crawler.Client.Tests.Infrastructure;
using Crawler.Silo.Tests.Infrastructure;
using Crawler.SyntheticSite;
using Microsoft.Extensions.DependencyInjection;
using SiloHost = Crawler.Runtime.Hosting.Silo;

namespace Crawler.Client.Tests.Cli;

public sealed class GatewayCommandsTests(SiloFixture fixture) : IClassFixture<SiloFixture>, IDisposable
{
    private const string Unreachable = "http://127.0.0.1:1";
    private readonly CliRun _cli = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("crawler-gateway-cli-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Submit_Wait_WritesEveryReachablePageAndPrintsTheSummary()
    {
        var output = Path.Combine(_directory, "wait.jsonl");

        var exit = await _cli.RunAsync("submit", fixture.Site.Root.ToString(), "--gateway", fixture.Gateway, "--wait", "--job-id", "cli-wait",
            "--delay", "0", "--per-host", "8", "--output", output, "--quiet");

        Assert.Equal(CrawlerCli.ExitOk, exit);
        var urls = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("url").GetString()).ToList();
        Assert.Equal(fixture.Site.Reachable(SiteScope.RootHost).Order(StringComparer.Ordinal), urls.Order(StringComparer.Ordinal));
        Assert.Contains("Completed", _cli.Out, StringComparison.Ordinal);
        Assert.Contains("cli-wait", _cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitThenStatusAndResults_JobOnTheCluster_PrintJobIdStatusAndEveryResult()
    {
        var submit = await _cli.RunAsync("submit", fixture.Site.Root.ToString(), "--gateway", fixture.Gateway, "--job-id", "cli-later", "--delay", "0", "--per-host", "8", "-q");
        Assert.Equal(CrawlerCli.ExitOk, submit);
        Assert.Equal("cli-later", _cli.Out.Trim());

        using var followed = new CliRun();
        var follow = await followed.RunAsync("results", "cli-later", "--follow", "--gateway", fixture.Gateway);
        var lines = followed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        using var rest = new CliRun();
        var restFile = Path.Combine(_directory, "rest.jsonl");
        var offset = await rest.RunAsync("results", "cli-later", "--offset", "5", "-o", restFile, "--gateway", fixture.Gateway);

        using var status = new CliRun();
        var statusExit = await status.RunAsync("status", "cli-later", "--gateway", fixture.Gateway);

        Assert.Equal(CrawlerCli.ExitOk, follow);
        Assert.Equal(fixture.Site.Reachable(SiteScope.RootHost).Count, lines.Length);
        Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.TryGetProperty("finalUrl", out _)));
        Assert.Equal(CrawlerCli.ExitOk, offset);
        Assert.Equal(lines.Skip(5), await File.ReadAllLinesAsync(restFile));
        Assert.Contains($"{lines.Length - 5} results from offset 5 written to", rest.Out, StringComparison.Ordinal);
        Assert.Equal(CrawlerCli.ExitOk, statusExit);
        Assert.Contains("Completed", status.Out, StringComparison.Ordinal);
        Assert.Contains("cli-later", status.Out, StringComparison.Ordinal);
        Assert.Contains($"pages", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_RunningJob_CancelsItAndShowsTheSummary()
    {
        await using var site = await GatedSite.StartAsync();
        Assert.Equal(CrawlerCli.ExitOk, await _cli.RunAsync("submit", site.Gate.ToString(), "--gateway", fixture.Gateway, "--job-id", "cli-cancel", "-q"));
        await site.Reached;

        using var cancel = new CliRun();
        var exit = await cancel.RunAsync("cancel", "cli-cancel", "--gateway", fixture.Gateway);

        Assert.Equal(CrawlerCli.ExitOk, exit);
        Assert.Contains("Cancelled", cancel.Out, StringComparison.Ordinal);
        Assert.Contains("cli-cancel", cancel.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseThenResume_RunningJob_ShowPausedThenRunningAndLeaveAnEndedJobAlone()
    {
        await using var site = await GatedSite.StartAsync();
        Assert.Equal(CrawlerCli.ExitOk, await _cli.RunAsync("submit", site.Gate.ToString(), "--gateway", fixture.Gateway, "--job-id", "cli-pause", "-q"));
        await site.Reached;

        using var pause = new CliRun();
        var paused = await pause.RunAsync("pause", "cli-pause", "--gateway", fixture.Gateway);
        using var resume = new CliRun();
        var resumed = await resume.RunAsync("resume", "cli-pause", "--gateway", fixture.Gateway);
        site.Release();
        using var follow = new CliRun();
        Assert.Equal(CrawlerCli.ExitOk, await follow.RunAsync("results", "cli-pause", "--follow", "--gateway", fixture.Gateway));
        using var late = new CliRun();
        var pausedLate = await late.RunAsync("pause", "cli-pause", "--gateway", fixture.Gateway);

        Assert.Equal(CrawlerCli.ExitOk, paused);
        Assert.Contains("Paused", pause.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("did not change it", pause.Out, StringComparison.Ordinal);
        Assert.Equal(CrawlerCli.ExitOk, resumed);
        Assert.Contains("Running", resume.Out, StringComparison.Ordinal);
        Assert.Equal(CrawlerCli.ExitOk, pausedLate);
        Assert.Contains("is Completed: pause did not change it", late.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_OneSilo_ShowsItAsThisGateway()
    {
        var siloId = fixture.Silo.App.Services.GetRequiredService<SiloHost>().SiloId;

        var exit = await _cli.RunAsync("cluster", "--gateway", fixture.Gateway);

        Assert.Equal(CrawlerCli.ExitOk, exit);
        Assert.Contains($"{siloId} (this gateway)", _cli.Out, StringComparison.Ordinal);
        Assert.Contains("1 active silo, 64 partitions, 0 unowned", _cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_GatewayFromEnvironment_IsUsed()
    {
        _cli.Environment[GatewayOptionSet.GatewayVariable] = fixture.Gateway;

        var exit = await _cli.RunAsync("cluster");

        Assert.Equal(CrawlerCli.ExitOk, exit);
        Assert.Contains("(this gateway)", _cli.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "nosuch")]
    [InlineData("results", "nosuch")]
    [InlineData("cancel", "nosuch")]
    public async Task JobCommands_UnknownJob_PrintOneLineAndExitWithFailure(string command, string job)
    {
        var exit = await _cli.RunAsync(command, job, "--gateway", fixture.Gateway);

        Assert.Equal(CrawlerCli.ExitFailed, exit);
        Assert.Equal("crawler: error: No job 'nosuch' on this cluster.", _cli.Error.TrimEnd());
    }

    [Fact]
    public async Task Results_UnknownJobWithOutputFile_CreatesNoFile()
    {
        var output = Path.Combine(_directory, "never.jsonl");

        var exit = await _cli.RunAsync("results", "nosuch", "-o", output, "--gateway", fixture.Gateway);

        Assert.Equal(CrawlerCli.ExitFailed, exit);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("status", "job-1")]
    [InlineData("results", "job-1", "--follow")]
    [InlineData("cancel", "job-1")]
    [InlineData("cluster")]
    [InlineData("submit", "http://127.0.0.1:1/")]
    [InlineData("submit", "http://127.0.0.1:1/", "--wait")]
    public async Task Commands_UnreachableGateway_PrintOneLineAndExitWithFailure(params string[] args)
    {
        var exit = await _cli.RunAsync([.. args, "--gateway", Unreachable]);

        Assert.Equal(CrawlerCli.ExitFailed, exit);
        var message = _cli.Error.TrimEnd();
        Assert.StartsWith($"crawler: error: cannot reach the gateway at {Unreachable}/", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task Submit_SpecTheGatewayRefuses_PrintsItsMessageAndExitsWithUsageCode()
    {
        var tooLong = $"{fixture.Site.Root}{new string('a', 3000)}";

        var exit = await _cli.RunAsync("submit", tooLong, "--gateway", fixture.Gateway);

        Assert.Equal(CrawlerCli.ExitUsage, exit);
        var message = _cli.Error.TrimEnd();
        Assert.StartsWith("crawler: Seed ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task Submit_TakenJobId_ExitsWithUsageCode()
    {
        await using var site = await GatedSite.StartAsync();
        Assert.Equal(CrawlerCli.ExitOk, await _cli.RunAsync("submit", site.Open.ToString(), "--gateway", fixture.Gateway, "--job-id", "cli-taken", "-q"));

        using var again = new CliRun();
        var exit = await again.RunAsync("submit", site.Open.ToString(), "--gateway", fixture.Gateway, "--job-id", "cli-taken");

        Assert.Equal(CrawlerCli.ExitUsage, exit);
        Assert.Contains("Job 'cli-taken' already exists", again.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("submit", "http://127.0.0.1:1/", "--output", "x.jsonl")]
    [InlineData("submit", "http://127.0.0.1:1/", "--concurrency", "4")]
    [InlineData("submit", "http://127.0.0.1:1/", "--log-file", "silo.log")]
    [InlineData("submit", "http://127.0.0.1:1/", "--user-agent", "Bot/1.0")]
    [InlineData("submit", "http://127.0.0.1:1/", "--max-pages", "-1")]
    [InlineData("submit", "http://127.0.0.1:1/", "--gateway", "ftp://127.0.0.1:1")]
    [InlineData("status", "job-1", "--gateway", "not a url")]
    [InlineData("results", "job-1", "--offset", "-1")]
    [InlineData("status")]
    [InlineData("submit")]
    public async Task Commands_BadUsage_PrintOneLineAndExitWithUsageCode(params string[] args)
    {
        var exit = await _cli.RunAsync(args);

        Assert.Equal(CrawlerCli.ExitUsage, exit);
        var message = _cli.Error.TrimEnd();
        Assert.StartsWith("crawler: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public async Task Results_InterruptedWhileFollowing_KeepsWhatWasReadAndExitsWith130()
    {
        await using var site = await GatedSite.StartAsync();
        Assert.Equal(CrawlerCli.ExitOk, await _cli.RunAsync("submit", site.Open.ToString(), site.Gate.ToString(), "--gateway", fixture.Gateway, "--job-id", "cli-interrupt", "-q"));
        using var interrupt = new CancellationTokenSource();
        using var follow = new CliRun();

        var running = follow.RunAsync(interrupt.Token, "results", "cli-interrupt", "--follow", "--gateway", fixture.Gateway);
        await follow.FirstLine;
        await site.Reached;
        await interrupt.CancelAsync();
        var exit = await running;

        Assert.Equal(CrawlerCli.ExitInterrupted, exit);
        var line = Assert.Single(follow.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(site.Open.ToString(), JsonDocument.Parse(line).RootElement.GetProperty("url").GetString());
    }
}

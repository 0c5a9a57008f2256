using System.Globalization;
using Crawler.Bench.Dashboard;
using Crawler.Bench.Measuring;
using Crawler.Bench.Processes;
using Crawler.Bench.Report;
using Crawler.Bench.Site;

namespace Crawler.Bench.Scenarios;

/// <summary>
/// What the embedded silo's live dashboard costs a crawl (the target: at most 3%). The embedded crawl of the
/// static site, as <see cref="EmbeddedCrawlScenario"/> runs it, in three modes: <c>--no-dashboard</c>; the dashboard
/// served and nobody watching; the dashboard polled from this process as its page polls it (<see cref="DashboardPoller"/>).
/// Each round runs the three modes back to back, in an order that rotates round by round, so the machine's load
/// drifting over time falls on every mode alike. Pages/s and crawler CPU per page per mode, and each mode's overhead
/// against <c>--no-dashboard</c> in its own round (the median of those shown).
/// </summary>
public static class DashboardOverheadScenario
{
    private static readonly DashboardMode[] Modes = [DashboardMode.Off, DashboardMode.Unwatched, DashboardMode.Watched];

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, StaticSite site, NginxServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(server);
        var runs = new List<DashboardRun>();
        for (var round = 1; round <= context.RunCount; round++)
        {
            for (var i = 0; i < Modes.Length; i++)
            {
                var mode = Modes[(i + round - 1) % Modes.Length];
                var run = await CrawlAsync(context, site, server, mode, round, cancellationToken);
                runs.Add(run);
                var polls = mode == DashboardMode.Watched
                    ? string.Create(CultureInfo.InvariantCulture, $", {run.Polls.Polls} polls ({run.Polls.Failures} failed{(run.Polls.LastFailure is { } failure ? ", the last: " + failure : "")}), mean poll {run.Polls.MeanLatency.TotalMilliseconds:N0} ms")
                    : "";
                await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"dashboard round {round}, {Name(context, mode)}: {run.PagesPerSecond:N0} pages/s over {run.Span.TotalSeconds:N1} s, CPU {run.Cpu.TotalSeconds:N2} s = {run.CpuMsPerPage:N3} ms/page{polls}"));
            }
        }

        var note = $"{site.Pages:N0} pages + {site.MissingTargets:N0} 404s as the embedded row; modes alternated, {context.RunCount} rounds";
        var rows = new List<BenchRow>();
        foreach (var mode in Modes)
        {
            var ofMode = runs.Where(r => r.Mode == mode).ToList();
            rows.Add(new BenchRow($"embedded crawl, {Name(context, mode)}", "pages/s", [.. ofMode.Select(r => r.PagesPerSecond)], null, LowerIsBetter: false, mode == DashboardMode.Off ? note : null));
            rows.Add(new BenchRow($"crawler CPU per page, {Name(context, mode)}", "ms", [.. ofMode.Select(r => r.CpuMsPerPage)], null, LowerIsBetter: true));
        }

        foreach (var mode in Modes.Skip(1))
        {
            rows.Add(new BenchRow($"dashboard overhead, {Name(context, mode)}: pages/s lost", "%",
                Overheads(runs, mode, r => r.PagesPerSecond, lowerIsBetter: false), 3, LowerIsBetter: true, "against --no-dashboard in the same round"));
            rows.Add(new BenchRow($"dashboard overhead, {Name(context, mode)}: CPU per page added", "%",
                Overheads(runs, mode, r => r.CpuMsPerPage, lowerIsBetter: true), 3, LowerIsBetter: true));
        }

        if (context.DashboardPoll < DashboardPoller.PageInterval)
        {
            // Polled n times as often, the watched cost is n times the page's: the same signal above n times less noise.
            var scale = context.DashboardPoll / DashboardPoller.PageInterval;
            rows.Add(new BenchRow("dashboard overhead at the page's pace (2 s), scaled: CPU per page added", "%",
                [.. Overheads(runs, DashboardMode.Watched, r => r.CpuMsPerPage, lowerIsBetter: true).Select(o => o * scale)], 3, LowerIsBetter: true,
                string.Create(CultureInfo.InvariantCulture, $"the watched overhead polled every {context.DashboardPoll.TotalMilliseconds:N0} ms, times {scale:N2}; it includes the unwatched cost")));
        }

        return rows;
    }

    private static async Task<DashboardRun> CrawlAsync(BenchContext context, StaticSite site, NginxServer server, DashboardMode mode, int round, CancellationToken cancellationToken)
    {
        var name = $"dashboard-{round}-{mode.ToString().ToLowerInvariant()}";
        var results = Path.Combine(context.WorkDirectory, name + ".jsonl");
        File.Delete(results);
        // A fixed port, so the poller knows where to ask; the CLI's own default is any free port.
        var dashboardUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        string[] dashboard = mode == DashboardMode.Off ? ["--no-dashboard"] : ["--dashboard", dashboardUrl.GetLeftPart(UriPartial.Authority)];
        string[] arguments =
        [
            context.CrawlerDll, "crawl", server.BaseUrl + StaticSite.SeedPath,
            "--scope", "host", "--per-host", $"{EmbeddedCrawlScenario.PerHostConcurrency}", "--concurrency", $"{EmbeddedCrawlScenario.Concurrency}",
            "--delay", "0", "--no-adaptive", "-o", results, "-q",
            .. dashboard,
        ];

        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var poller = new DashboardPoller(dashboardUrl, context.DashboardPoll, context.Time);
        var polling = mode == DashboardMode.Watched ? poller.RunAsync(stopPolling.Token) : Task.FromResult(new PollCount(0, 0, TimeSpan.Zero));
        ProcessMeasurement measurement;
        try
        {
            measurement = await TimedProcess.RunAsync("dotnet", arguments, Path.Combine(context.WorkDirectory, name + ".log"), cancellationToken);
        }
        finally
        {
            await stopPolling.CancelAsync();
        }

        var polls = await polling;
        if (measurement.ExitCode != 0)
        {
            throw new InvalidOperationException($"the embedded crawl exited with {measurement.ExitCode}; see {context.WorkDirectory}/{name}.log");
        }

        if (mode == DashboardMode.Watched && polls.Polls == 0)
        {
            throw new InvalidOperationException($"the dashboard at {dashboardUrl} never answered a poll during {name}");
        }

        var read = await CrawlResultsFile.ReadAsync(results, cancellationToken);
        read.RequireExactly(site.ReachableUrlsAt(server.BaseUrl), name);
        return new DashboardRun(mode, round, read.Count / read.Span.TotalSeconds, measurement.Cpu.TotalMilliseconds / read.Count, read.Span, measurement.Cpu, polls);
    }

    /// <summary>Per round, how much worse <paramref name="mode"/> did than --no-dashboard, in % (negative: better).</summary>
    private static List<double> Overheads(IReadOnlyList<DashboardRun> runs, DashboardMode mode, Func<DashboardRun, double> measure, bool lowerIsBetter)
    {
        var overheads = new List<double>();
        foreach (var round in runs.GroupBy(r => r.Round))
        {
            var off = measure(round.Single(r => r.Mode == DashboardMode.Off));
            var on = measure(round.Single(r => r.Mode == mode));
            overheads.Add(100 * (lowerIsBetter ? on / off - 1 : 1 - on / off));
        }

        return overheads;
    }

    private static string Name(BenchContext context, DashboardMode mode) => mode switch
    {
        DashboardMode.Off => "--no-dashboard",
        DashboardMode.Unwatched => "dashboard unwatched",
        _ => string.Create(CultureInfo.InvariantCulture, $"dashboard polled every {context.DashboardPoll.TotalSeconds:0.###} s"),
    };
}

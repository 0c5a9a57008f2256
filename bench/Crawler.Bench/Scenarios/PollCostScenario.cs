using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Bench.Cluster;
using Crawler.Bench.Dashboard;
using Crawler.Bench.Measuring;
using Crawler.Bench.Processes;
using Crawler.Bench.Report;
using Crawler.Bench.Site;

namespace Crawler.Bench.Scenarios;

/// <summary>
/// The dashboard's cost measured so the machine's load cannot hide it (the A/B of <see cref="DashboardOverheadScenario"/>
/// cannot see 3% under ±30% noise between runs). One published silo, in memory (no --postgres), crawls the static site
/// through its gateway (<c>crawler submit ... --wait</c>, as the cluster scenario): its CPU over the crawl per second of
/// crawling is the cores the crawl uses. Then, with the crawl's activations and job still alive on it (collection age
/// raised to <see cref="CollectionAge"/>), pairs of windows of <see cref="Window"/>: nobody asking (the idle silo's
/// CPU), then the dashboard polled as its page polls (<see cref="DashboardPoller"/>) with <see cref="PollInterval"/>
/// between answers and the next poll. CPU per poll = (polled CPU - idle CPU) / polls; at the page's pace of one poll
/// per 2 s that is a share of the crawl's cores. Only the silo's CPU is counted: the polls' HttpClient side runs in
/// this process.
/// </summary>
public static class PollCostScenario
{
    /// <summary>Idle / polled window pairs per run; the rows show medians over them.</summary>
    public const int Pairs = 5;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

    /// <summary>Polled before the pairs and not measured: the endpoints' JIT and first serializations.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    /// <summary>Between a poll's answers and the next poll: about as fast as the silo answers.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Far beyond the measurement (default 2 min), so no activation of the crawl is collected during it.</summary>
    public static readonly TimeSpan CollectionAge = TimeSpan.FromHours(1);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CrawlTimeout = TimeSpan.FromMinutes(15);

    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, StaticSite site, NginxServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(server);
        var runs = new List<PollCostRun>();
        for (var run = 1; run <= context.RunCount; run++)
        {
            runs.Add(await RunOnceAsync(context, site, server, run, cancellationToken));
        }

        var pairs = runs.SelectMany(r => r.Pairs.Select(p => (Run: r, Pair: p))).ToList();
        var note = string.Create(CultureInfo.InvariantCulture,
            $"the silo's CPU only (user + sys from /proc; the polls' HttpClient side is not counted): polled minus idle, {Window.TotalSeconds:N0} s windows after a {site.Pages:N0}-page crawl, activations kept, {Pairs} pairs per run");
        return
        [
            new BenchRow("dashboard CPU per poll (api/cluster + api/jobs), silo", "ms", [.. pairs.Select(p => p.Pair.CpuMsPerPoll)], null, LowerIsBetter: true, note),
            new BenchRow("polls per measured window", "polls", [.. pairs.Select(p => (double)p.Pair.Polls.Polls)], null, LowerIsBetter: false,
                string.Create(CultureInfo.InvariantCulture, $"{PollInterval.TotalMilliseconds:N0} ms between a poll's answers and the next")),
            new BenchRow("crawl cores used, 1 silo in memory", "cores", [.. runs.Select(r => r.CrawlCores)], null, LowerIsBetter: false,
                "silo CPU from the submission to the job's end, per second of it; on a loaded machine fewer, which raises the overhead below"),
            new BenchRow("dashboard overhead at the page's pace (a poll per 2 s): crawl CPU added", "%",
                [.. pairs.Select(p => p.Run.OverheadPercent(p.Pair, DashboardPoller.PageInterval))], 3, LowerIsBetter: true,
                "CPU per poll / 2 s / crawl cores used"),
        ];
    }

    private static async Task<PollCostRun> RunOnceAsync(BenchContext context, StaticSite site, NginxServer server, int run, CancellationToken cancellationToken)
    {
        var name = $"pollcost-{run}";
        var directory = Path.Combine(context.WorkDirectory, name);
        Directory.CreateDirectory(directory);
        var results = Path.Combine(directory, "results.jsonl");
        string[] settings = [string.Create(CultureInfo.InvariantCulture, $"--Silo:CollectionAge={CollectionAge:c}")];
        var silo = BenchSilo.Start(context.RequireSilo(), name, connectionString: null, EmbeddedCrawlScenario.Concurrency, directory, settings);
        PollCostRun measured;
        await using (silo)
        {
            using var http = new HttpClient { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilActiveAsync(silo, http, context.Time, cancellationToken);

            // The crawl, as the cluster scenario submits it.
            string[] arguments =
            [
                context.CrawlerDll, "submit", server.BaseUrl + StaticSite.SeedPath, "--gateway", silo.Address.ToString(), "--wait", "-o", results, "-q",
                "--scope", "host", "--per-host", $"{EmbeddedCrawlScenario.PerHostConcurrency}", "--delay", "0", "--no-adaptive",
            ];
            var before = silo.Sample();
            var started = context.Time.GetTimestamp();
            await using (var submit = ChildProcess.Start("dotnet", arguments, directory, Path.Combine(directory, "submit.log")))
            {
                var exitCode = await submit.WaitForExitAsync(CrawlTimeout, cancellationToken);
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"crawler submit exited with {exitCode}; see {submit.LogPath} and the silo log beside it");
                }
            }

            var crawlElapsed = context.Time.GetElapsedTime(started);
            var crawlCpu = silo.Sample().Cpu - before.Cpu;
            var read = await CrawlResultsFile.ReadAsync(results, cancellationToken);
            read.RequireExactly(site.ReachableUrlsAt(server.BaseUrl), name);
            var activations = await ActivationsAsync(http, cancellationToken);
            await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {read.Count} results in {crawlElapsed.TotalSeconds:N1} s, silo CPU {crawlCpu.TotalSeconds:N2} s = {crawlCpu / crawlElapsed:N2} cores; {activations} activations"));

            using var poller = new DashboardPoller(silo.Address, PollInterval, context.Time);
            await PollForAsync(poller, loadPage: true, WarmUp, context.Time, cancellationToken);
            var pairs = new List<PollWindowPair>();
            for (var i = 1; i <= Pairs; i++)
            {
                var idleStart = silo.Sample();
                var idleStarted = context.Time.GetTimestamp();
                await Task.Delay(Window, context.Time, cancellationToken);
                var idleCpu = silo.Sample().Cpu - idleStart.Cpu;
                var idleElapsed = context.Time.GetElapsedTime(idleStarted);

                var polledStart = silo.Sample();
                var polledStarted = context.Time.GetTimestamp();
                var polls = await PollForAsync(poller, loadPage: false, Window, context.Time, cancellationToken);
                var polledCpu = silo.Sample().Cpu - polledStart.Cpu;
                var pair = new PollWindowPair(idleCpu, idleElapsed, polledCpu, context.Time.GetElapsedTime(polledStarted), polls);
                pairs.Add(pair);
                await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{name} pair {i}: idle CPU {idleCpu.TotalMilliseconds:N0} ms in {idleElapsed.TotalSeconds:N1} s, polled CPU {polledCpu.TotalMilliseconds:N0} ms in {pair.PolledElapsed.TotalSeconds:N1} s, {polls.Polls} polls ({polls.Failures} failed{(polls.LastFailure is { } failure ? ", the last: " + failure : "")}, mean {polls.MeanLatency.TotalMilliseconds:N1} ms): {pair.CpuMsPerPoll:N2} ms per poll"));
            }

            await context.Log.WriteLineAsync($"{name}: {await ActivationsAsync(http, cancellationToken)} activations after the pairs");
            measured = new PollCostRun(read, crawlCpu, crawlElapsed, pairs);
            if (!await silo.StopAsync())
            {
                throw new InvalidOperationException($"the silo of {name} did not stop within {BenchSilo.StopGrace.TotalSeconds:N0} s of SIGTERM; see {silo.LogPath}");
            }

            if (silo.ExitCode != 0)
            {
                throw new InvalidOperationException($"the silo of {name} exited with {silo.ExitCode} on SIGTERM; see {silo.LogPath}");
            }
        }

        return measured;
    }

    /// <summary>Polls for <paramref name="length"/> and says how many polls were answered; none is an error.</summary>
    private static async Task<PollCount> PollForAsync(DashboardPoller poller, bool loadPage, TimeSpan length, TimeProvider time, CancellationToken cancellationToken)
    {
        using var window = new CancellationTokenSource(length, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(window.Token, cancellationToken);
        var polls = await poller.RunAsync(loadPage, either.Token);
        cancellationToken.ThrowIfCancellationRequested();
        return polls.Polls > 0
            ? polls
            : throw new InvalidOperationException($"the silo's dashboard answered no poll in {length.TotalSeconds:N0} s (last failure: {polls.LastFailure ?? "none"})");
    }

    /// <summary>Asks /health until the silo says it is active.</summary>
    private static async Task WaitUntilActiveAsync(BenchSilo silo, HttpClient http, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var last = "no answer";
        while (time.GetElapsedTime(started) < StartTimeout)
        {
            if (silo.HasExited)
            {
                throw new InvalidOperationException($"silo {silo.SiloId} exited while starting; see {silo.LogPath}");
            }

            try
            {
                using var health = await http.GetFromJsonAsync<JsonDocument>("/health", cancellationToken);
                last = health!.RootElement.GetProperty("status").GetString() ?? "no status";
                if (last == "Active")
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
            {
                // Not serving yet.
                last = ex.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        throw new InvalidOperationException($"silo {silo.SiloId} was not active within {StartTimeout.TotalSeconds:N0} s (last: {last}); see {silo.LogPath}");
    }

    /// <summary>The silo's activations as its dashboard counts them, to show the crawl's are still there.</summary>
    private static async Task<string> ActivationsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var cluster = await http.GetFromJsonAsync<JsonDocument>("/dashboard/api/cluster", cancellationToken);
            return cluster!.RootElement.GetProperty("totals").GetProperty("activations").GetInt32().ToString("N0", CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"? ({ex.Message})";
        }
    }
}

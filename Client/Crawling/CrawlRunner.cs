using System.Diagnostics;
using Crawler.Client.Embedded;
using Crawler.Grains.Interfaces;
using Spectre.Console;

namespace Crawler.Client.Crawling;

/// <summary>
/// Runs one crawl and watches it: starts the job, streams its results to the output file as they commit, shows
/// live progress, and returns what was done. The job runs on the embedded silo (`crawl`, `demo`) or on a cluster
/// through its gateway (`submit --wait`); Ctrl+C cancels the job either way and still returns what was done.
/// </summary>
internal sealed class CrawlRunner(IAnsiConsole console, TimeProvider? timeProvider = null)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The crawl on a silo started in this process: in memory, or on PostgreSQL when <paramref name="postgres"/> is set.</summary>
    public async Task<CrawlOutcome> RunEmbeddedAsync(CrawlSettings settings, string? postgres, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var writer = settings.OutputPath is null ? null : ResultWriter.Open(settings.OutputPath, settings.OutputFormat);
        await using var silo = await EmbeddedSilo.StartAsync(
            options =>
            {
                options.MaxConcurrentFetches = settings.Concurrency;
                options.UserAgent = settings.UserAgent;
            },
            settings.LogFile,
            postgres,
            configureSilo: null,
            cancellationToken,
            settings.Dashboard);
        if (silo.DashboardUrl is { } dashboard && !settings.Quiet)
        {
            console.MarkupLine($"dashboard: {Markup.Escape(dashboard.ToString())}");
        }

        if (silo.SubstrateDescription is { } substrate && !settings.Quiet)
        {
            console.MarkupLine($"[grey]substrate: PostgreSQL at {Markup.Escape(substrate)}; job {Markup.Escape(settings.JobId)} resumes if this command is run again with --job-id {Markup.Escape(settings.JobId)}[/]");
        }

        return await RunAsync(new EmbeddedJobConnection(silo.Jobs, PollInterval), settings, writer, cancellationToken);
    }

    public async Task<CrawlOutcome> RunAsync(IJobConnection jobs, CrawlSettings settings, ResultWriter? writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(settings);
        var clock = Stopwatch.StartNew();
        if (!settings.Resume)
        {
            await jobs.StartAsync(settings.JobId, settings.Spec, cancellationToken);
        }
        else if ((await jobs.GetStatusAsync(settings.JobId, cancellationToken)).State == JobState.Unknown)
        {
            throw new Cli.CliException($"there is no job '{settings.JobId}' in this database to resume");
        }

        // Reading stops watching when it fails (the stream broke), and watching stops reading when it fails.
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopReading = new CancellationTokenSource();
        var urls = new List<string>();
        var reading = ReadAsync(jobs, settings.JobId, writer, urls, stopWatching, stopReading.Token);

        JobStatus status;
        try
        {
            try
            {
                status = await WatchAsync(jobs, settings, clock, stopWatching.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                status = await jobs.CancelAsync(settings.JobId, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Reading failed and stopped the watch: its error is the one to report.
            await reading;
            throw;
        }
        catch (Exception)
        {
            await stopReading.CancelAsync();
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        await reading;
        clock.Stop();
        var outcome = new CrawlOutcome(status, clock.Elapsed, urls);
        if (settings.SummaryPath is { } summary)
        {
            await CrawlSummary.Of(settings, outcome).WriteAsync(summary, CancellationToken.None);
        }

        return outcome;
    }

    private static async Task ReadAsync(
        IJobConnection jobs,
        string jobId,
        ResultWriter? writer,
        List<string> urls,
        CancellationTokenSource stopWatching,
        CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var result in jobs.StreamResultsAsync(jobId, 0, follow: true, cancellationToken))
            {
                urls.Add(result.Url);
                if (writer is not null)
                {
                    await writer.WriteAsync(result, CancellationToken.None);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await stopWatching.CancelAsync();
            throw;
        }
    }

    private async Task<JobStatus> WatchAsync(IJobConnection jobs, CrawlSettings settings, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (settings.Quiet || !console.Profile.Capabilities.Interactive)
        {
            var lastPrint = TimeSpan.Zero;
            return await WaitForCompletionAsync(jobs, settings.JobId, status =>
            {
                if (!settings.Quiet && clock.Elapsed - lastPrint >= TimeSpan.FromSeconds(2))
                {
                    lastPrint = clock.Elapsed;
                    console.MarkupLine(Markup.Escape(ProgressLine(status, clock.Elapsed)));
                }
            }, cancellationToken);
        }

        JobStatus? final = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                final = await WaitForCompletionAsync(jobs, settings.JobId, status =>
                {
                    task.MaxValue = Math.Max(1, status.Discovered);
                    task.Value = status.Done + status.Skipped;
                    task.Description = Markup.Escape(ProgressLine(status, clock.Elapsed));
                }, cancellationToken);
                task.Value = task.MaxValue;
            });
        return final!;
    }

    /// <summary>Polls the job until it finishes, reporting each status read.</summary>
    private async Task<JobStatus> WaitForCompletionAsync(IJobConnection jobs, string jobId, Action<JobStatus> onProgress, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await jobs.GetStatusAsync(jobId, cancellationToken);
            onProgress(status);
            if (status.IsFinished)
            {
                return status;
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    private static string ProgressLine(JobStatus status, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? status.Done / elapsed.TotalSeconds : 0;
        return $"done {status.Done:N0}  queued {status.Queued:N0}  in flight {status.InFlight:N0}  {rate:N0} pages/s  errors {status.Failed:N0}";
    }
}

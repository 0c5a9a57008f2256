using System.Diagnostics;
using Crawler.Client.Embedded;
using Crawler.Grains.Interfaces;
using Spectre.Console;

namespace Crawler.Client.Crawling;

/// <summary>
/// Runs one crawl on the embedded silo: starts the job, streams results to the output file as they commit,
/// shows live progress, and prints a summary. Ctrl+C cancels the job and still prints what was done.
/// </summary>
internal sealed class CrawlRunner(IAnsiConsole console)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<CrawlOutcome> RunAsync(CrawlSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var writer = settings.OutputPath is null ? null : ResultWriter.Open(settings.OutputPath);
        await using var silo = await EmbeddedSilo.StartAsync(
            options => options.MaxConcurrentFetches = settings.Concurrency,
            settings.LogFile,
            cancellationToken);
        var jobs = silo.Jobs;
        var clock = Stopwatch.StartNew();
        await jobs.StartAsync(settings.JobId, settings.Spec, cancellationToken);

        var urls = new List<string>();
        var writing = Task.Run(
            async () =>
            {
                await foreach (var result in jobs.StreamResultsAsync(settings.JobId, 0, follow: true, PollInterval, CancellationToken.None))
                {
                    urls.Add(result.Url);
                    if (writer is not null)
                    {
                        await writer.WriteAsync(result, CancellationToken.None);
                    }
                }
            },
            CancellationToken.None);

        JobStatus status;
        try
        {
            status = await WatchAsync(jobs, settings, clock, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = await jobs.CancelAsync(settings.JobId, CancellationToken.None);
        }

        await writing;
        clock.Stop();
        return new CrawlOutcome(status, clock.Elapsed, urls);
    }

    private async Task<JobStatus> WatchAsync(Grains.Jobs.CrawlJobClient jobs, CrawlSettings settings, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (settings.Quiet || !console.Profile.Capabilities.Interactive)
        {
            var lastPrint = TimeSpan.Zero;
            return await jobs.WaitForCompletionAsync(settings.JobId, PollInterval, status =>
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
                final = await jobs.WaitForCompletionAsync(settings.JobId, PollInterval, status =>
                {
                    task.MaxValue = Math.Max(1, status.Discovered);
                    task.Value = status.Done + status.Skipped;
                    task.Description = Markup.Escape(ProgressLine(status, clock.Elapsed));
                }, cancellationToken);
                task.Value = task.MaxValue;
            });
        return final!;
    }

    private static string ProgressLine(JobStatus status, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? status.Done / elapsed.TotalSeconds : 0;
        return $"done {status.Done:N0}  queued {status.Queued:N0}  in flight {status.InFlight:N0}  {rate:N0} pages/s  errors {status.Failed:N0}";
    }
}

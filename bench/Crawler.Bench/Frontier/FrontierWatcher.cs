using System.Globalization;
using Crawler.Bench.Measuring;

namespace Crawler.Bench.Frontier;

/// <summary>
/// Follows a frontier crawl once a second until its queue has peaked: every page allowed has been fetched (so nothing
/// more is discovered) and the queue has since shrunk a few times, or the job ended, or the time is up. Every sample
/// goes to a CSV file beside the run's logs.
/// </summary>
public static class FrontierWatcher
{
    private const int SamplesPastPeak = 3;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static async Task<IReadOnlyList<FrontierSample>> WatchAsync(
        Func<CancellationToken, Task<JobProgress?>> readStatus, Func<ProcessSample> readProcess, long maxPages, TimeSpan limit, string csvPath, TimeProvider time, CancellationToken cancellationToken)
    {
        var samples = new List<FrontierSample>();
        var started = time.GetTimestamp();
        await using var csv = File.CreateText(csvPath);
        await csv.WriteLineAsync("seconds,queued,done,rss_bytes,peak_rss_bytes,cpu_seconds");
        var peak = -1;
        while (time.GetElapsedTime(started) < limit)
        {
            await Task.Delay(Interval, time, cancellationToken);
            var status = await readStatus(cancellationToken);
            if (status is null)
            {
                // The job is not visible yet (the process is starting).
                continue;
            }

            var sample = new FrontierSample(time.GetElapsedTime(started), status.Queued, status.Done, readProcess());
            samples.Add(sample);
            await csv.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{sample.At.TotalSeconds:F1},{sample.Queued},{sample.Done},{sample.Process.RssBytes},{sample.Process.PeakRssBytes},{sample.Process.Cpu.TotalSeconds:F2}"));
            if (peak < 0 || sample.Queued > samples[peak].Queued)
            {
                peak = samples.Count - 1;
            }

            if (status.Finished || (status.Done >= maxPages && samples.Count - 1 - peak >= SamplesPastPeak))
            {
                break;
            }
        }

        return samples;
    }
}

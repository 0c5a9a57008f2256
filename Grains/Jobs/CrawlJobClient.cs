using System.Runtime.CompilerServices;
using Crawler.Grains.Interfaces;
using Crawler.Runtime;
using Crawler.Runtime.Substrate;

namespace Crawler.Grains.Jobs;

/// <summary>
/// What a client does with jobs: start one, watch it, read its results from the durable results stream
/// (resumable from an offset). Used by the CLI, the tests and the gateway.
/// </summary>
public sealed class CrawlJobClient(IGrainFactory grains, ISubstrate substrate, TimeProvider? timeProvider = null)
{
    public const int ResultPageSize = 1000;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public Task<JobStatus> StartAsync(string jobId, CrawlJobSpec spec, CancellationToken cancellationToken)
    {
        if (!JobId.IsValid(jobId))
        {
            throw new ArgumentException($"'{jobId}' is not a valid job id (1-64 letters, digits, '.', '_', '-').", nameof(jobId));
        }

        return grains.GetGrain<ICrawlJobGrain>(jobId).StartAsync(spec, cancellationToken);
    }

    public Task<JobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken) =>
        grains.GetGrain<ICrawlJobGrain>(jobId).GetStatusAsync(cancellationToken);

    public Task<JobStatus> CancelAsync(string jobId, CancellationToken cancellationToken) =>
        grains.GetGrain<ICrawlJobGrain>(jobId).CancelAsync(cancellationToken);

    public Task<JobStatus> PauseAsync(string jobId, CancellationToken cancellationToken) =>
        grains.GetGrain<ICrawlJobGrain>(jobId).PauseAsync(cancellationToken);

    public Task<JobStatus> ResumeAsync(string jobId, CancellationToken cancellationToken) =>
        grains.GetGrain<ICrawlJobGrain>(jobId).ResumeAsync(cancellationToken);

    /// <summary>Polls the job until it finishes, reporting each status read.</summary>
    public async Task<JobStatus> WaitForCompletionAsync(string jobId, TimeSpan pollInterval, Action<JobStatus>? onProgress, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await GetStatusAsync(jobId, cancellationToken);
            onProgress?.Invoke(status);
            if (status.IsFinished)
            {
                return status;
            }

            await Task.Delay(pollInterval, _time, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<CrawlResult>> ReadResultsAsync(string jobId, long offset, int max, CancellationToken cancellationToken)
    {
        var records = await substrate.ReadStreamAsync(JobStreams.Results(jobId), offset, max, cancellationToken);
        return [.. records.Cast<CrawlResult>()];
    }

    /// <summary>Every result from <paramref name="offset"/> on; with <paramref name="follow"/>, waits for more until the job ends.</summary>
    public async IAsyncEnumerable<CrawlResult> StreamResultsAsync(
        string jobId,
        long offset,
        bool follow,
        TimeSpan pollInterval,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await ReadResultsAsync(jobId, offset, ResultPageSize, cancellationToken);
            foreach (var result in page)
            {
                yield return result;
            }

            offset += page.Count;
            if (page.Count == ResultPageSize)
            {
                continue;
            }

            if (!follow)
            {
                yield break;
            }

            var status = await GetStatusAsync(jobId, cancellationToken);
            if (status.IsFinished)
            {
                // Results committed between the last read and the status check are read once more.
                var tail = await ReadResultsAsync(jobId, offset, int.MaxValue, cancellationToken);
                foreach (var result in tail)
                {
                    yield return result;
                }

                yield break;
            }

            await Task.Delay(pollInterval, _time, cancellationToken);
        }
    }
}

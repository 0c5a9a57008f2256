using System.Threading.Channels;
using Crawler.Runtime.Substrate;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// Group commit: turns queue their effects here and one loop writes them to the substrate in batches,
/// each fenced by its partition's epoch. A refused partition is given up by the silo.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Its CancellationTokenSource has no timer; it is cancelled, never disposed, so late callers cannot hit ObjectDisposedException.")]
internal sealed partial class Committer
{
    private readonly Channel<(TurnCommit Commit, TaskCompletionSource<bool> Done)> _queue =
        Channel.CreateUnbounded<(TurnCommit, TaskCompletionSource<bool>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SiloRuntime _runtime;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public Committer(SiloRuntime runtime) => _runtime = runtime;

    public void Start() => _loop = Task.Run(LoopAsync);

    public Task<bool> CommitAsync(TurnCommit commit)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_runtime.IsKilled || !_queue.Writer.TryWrite((commit, done)))
        {
            done.SetResult(false);
        }

        return done.Task;
    }

    /// <summary>Commits what is queued, then stops.</summary>
    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <summary>A crash: nothing queued is written.</summary>
    public void Kill()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<(TurnCommit Commit, TaskCompletionSource<bool> Done)>();
        var commits = new List<TurnCommit>();
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                batch.Clear();
                commits.Clear();
                while (batch.Count < _runtime.Options.MaxCommitBatch && reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                    commits.Add(entry.Commit);
                }

                if (_stopping.IsCancellationRequested)
                {
                    FailAll(batch);
                    continue;
                }

                var refused = await WriteWithRetryAsync(commits);
                foreach (var (commit, done) in batch)
                {
                    done.TrySetResult(refused is not null && !refused.Contains(commit.Partition));
                }

                if (refused is { Count: > 0 })
                {
                    _runtime.Statistics.CommitsWereRefused(commits.Count(c => refused.Contains(c.Partition)));
                    foreach (var partition in refused)
                    {
                        _runtime.OnPartitionFenced(partition, [.. commits.Where(c => c.Partition == partition).Select(c => c.Epoch)]);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            Log.CommitLoopFailed(_runtime.Logger, ex);
            FailAll(batch);
        }
    }

    private async Task<IReadOnlySet<int>?> WriteWithRetryAsync(List<TurnCommit> commits)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                return await _runtime.Substrate.CommitAsync(commits, _runtime.TimeProvider.GetUtcNow(), _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex)
            {
                // The substrate is unreachable: keep the batch and try again; the leases bound how long that is safe.
                Log.CommitRetrying(_runtime.Logger, ex, commits.Count, delay);
                try
                {
                    await Task.Delay(delay, _runtime.TimeProvider, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }

        return null;
    }

    private static void FailAll(List<(TurnCommit Commit, TaskCompletionSource<bool> Done)> batch)
    {
        foreach (var (_, done) in batch)
        {
            done.TrySetResult(false);
        }
    }
}

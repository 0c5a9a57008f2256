using System.Threading.Channels;
using Crawler.Runtime.Substrate;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// Group commit: turns queue their effects here and one loop writes them to the substrate in batches,
/// each fenced by its partition's epoch. A refused ownership is given up by the silo, and stays refused: a commit
/// queued after a refused one of the same ownership is refused without being written. Turns are pipelined, so a
/// later turn's state already holds the refused turn's changes; were it written, the refused turn's message would
/// be redelivered and counted a second time on top of them.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Its CancellationTokenSource has no timer; it is cancelled, never disposed, so late callers cannot hit ObjectDisposedException.")]
internal sealed partial class Committer
{
    private readonly Channel<(TurnCommit Commit, TaskCompletionSource<bool> Done)> _queue =
        Channel.CreateUnbounded<(TurnCommit, TaskCompletionSource<bool>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SiloRuntime _runtime;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Per partition, the highest epoch refused so far (epochs only grow). Only the loop touches it.</summary>
    private readonly Dictionary<int, long> _fencedThrough = [];
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
                    if (!IsFenced(entry.Commit))
                    {
                        commits.Add(entry.Commit);
                    }
                }

                if (_stopping.IsCancellationRequested)
                {
                    FailAll(batch);
                    continue;
                }

                var refused = commits.Count == 0 ? new HashSet<PartitionEpoch>() : await WriteWithRetryAsync(commits);
                if (refused is null)
                {
                    // Stopped while writing: nothing is known to have committed.
                    FailAll(batch);
                    continue;
                }

                foreach (var ownership in refused)
                {
                    _fencedThrough[ownership.Partition] = Math.Max(ownership.Epoch, _fencedThrough.GetValueOrDefault(ownership.Partition, long.MinValue));
                }

                var refusedCount = 0;
                foreach (var (commit, done) in batch)
                {
                    var committed = !IsFenced(commit);
                    refusedCount += committed ? 0 : 1;
                    done.TrySetResult(committed);
                }

                if (refusedCount > 0)
                {
                    _runtime.Statistics.CommitsWereRefused(refusedCount);
                }

                foreach (var ownership in refused)
                {
                    _runtime.OnPartitionFenced(ownership);
                }
            }
        }
        catch (Exception ex)
        {
            Log.CommitLoopFailed(_runtime.Logger, ex);
            FailAll(batch);
        }
    }

    private bool IsFenced(TurnCommit commit) =>
        _fencedThrough.TryGetValue(commit.Partition, out var epoch) && commit.Epoch <= epoch;

    private async Task<IReadOnlySet<PartitionEpoch>?> WriteWithRetryAsync(List<TurnCommit> commits)
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

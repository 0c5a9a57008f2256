namespace Crawler.Runtime.Substrate.Postgres;

/// <summary>
/// Coalesces state reads into one query per batch: while a query runs, the reads asked for meanwhile queue, and the
/// next query takes them all (up to <paramref name="maxBatch"/>). A lone read goes out at once, so nothing waits for a
/// batch to fill; under load (every new grain's activation reads its state) a round trip serves many grains. Reads are
/// only ever issued after they were asked for, so each sees every commit made before it was asked.
/// </summary>
internal sealed class StateReadBatcher(
    Func<IReadOnlyList<GrainId>, CancellationToken, Task<IReadOnlyDictionary<GrainId, byte[]>>> readMany,
    int maxBatch,
    CancellationToken stopping)
{
    private readonly Lock _gate = new();
    private readonly Queue<(GrainId Grain, TaskCompletionSource<byte[]?> Done)> _pending = new();
    private bool _reading;

    public Task<byte[]?> ReadAsync(GrainId grain, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _pending.Enqueue((grain, done));
            start = !_reading;
            _reading = true;
        }

        if (start)
        {
            _ = Task.Run(ReadLoopAsync, CancellationToken.None);
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task ReadLoopAsync()
    {
        var batch = new List<(GrainId Grain, TaskCompletionSource<byte[]?> Done)>();
        while (true)
        {
            batch.Clear();
            lock (_gate)
            {
                while (batch.Count < maxBatch && _pending.TryDequeue(out var read))
                {
                    batch.Add(read);
                }

                if (batch.Count == 0)
                {
                    _reading = false;
                    return;
                }
            }

            try
            {
                var states = await readMany([.. batch.Select(r => r.Grain).Distinct()], stopping).ConfigureAwait(false);
                foreach (var (grain, done) in batch)
                {
                    done.TrySetResult(states.GetValueOrDefault(grain));
                }
            }
            catch (Exception ex)
            {
                // Every read of the batch fails alike; its callers retry (an activation waits out the substrate).
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(ex);
                }
            }
        }
    }
}

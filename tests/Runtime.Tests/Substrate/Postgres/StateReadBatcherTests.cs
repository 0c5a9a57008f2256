using Crawler.Runtime.Substrate.Postgres;

namespace Crawler.Runtime.Tests.Substrate.Postgres;

public sealed class StateReadBatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ReadAsync_ReadsAskedWhileAQueryRuns_GoOutTogetherInTheNext()
    {
        var queries = new List<IReadOnlyList<GrainId>>();
        var firstQuery = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batcher = new StateReadBatcher(
            async (grains, _) =>
            {
                lock (queries)
                {
                    queries.Add(grains);
                }

                if (queries.Count == 1)
                {
                    firstQuery.SetResult();
                    await releaseFirst.Task;
                }

                return grains.Where(g => g.Key != "none").ToDictionary(g => g, g => new[] { (byte)g.Key.Length });
            },
            maxBatch: 100,
            CancellationToken.None);

        var first = batcher.ReadAsync(new GrainId("T", "a"), default);
        await firstQuery.Task.WaitAsync(Timeout);
        string[] keys = ["bb", "none", "bb", "dddd"];
        var later = keys.Select(key => batcher.ReadAsync(new GrainId("T", key), default)).ToList();
        releaseFirst.SetResult();

        Assert.Equal([1], await first.WaitAsync(Timeout));
        var answers = await Task.WhenAll(later).WaitAsync(Timeout);
        Assert.Equal([[2], null, [2], [4]], answers);
        Assert.Equal(2, queries.Count);
        Assert.Equal([new GrainId("T", "bb"), new GrainId("T", "none"), new GrainId("T", "dddd")], queries[1]);
    }

    [Fact]
    public async Task ReadAsync_QueryFails_FailsItsReadsAndTheNextReadWorks()
    {
        var calls = 0;
        var batcher = new StateReadBatcher(
            (grains, _) => Interlocked.Increment(ref calls) == 1
                ? throw new InvalidOperationException("the server went away")
                : Task.FromResult<IReadOnlyDictionary<GrainId, byte[]>>(grains.ToDictionary(g => g, _ => new byte[] { 7 })),
            maxBatch: 100,
            CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.ReadAsync(new GrainId("T", "a"), default).WaitAsync(Timeout));

        Assert.Equal("the server went away", error.Message);
        Assert.Equal([7], await batcher.ReadAsync(new GrainId("T", "a"), default).WaitAsync(Timeout));
    }

    [Fact]
    public async Task ReadAsync_MoreReadsThanABatch_SplitsThemIntoQueriesOfAtMostTheBatch()
    {
        var sizes = new List<int>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batcher = new StateReadBatcher(
            async (grains, _) =>
            {
                lock (sizes)
                {
                    sizes.Add(grains.Count);
                }

                await gate.Task;
                return new Dictionary<GrainId, byte[]>();
            },
            maxBatch: 3,
            CancellationToken.None);

        var reads = Enumerable.Range(0, 8).Select(i => batcher.ReadAsync(new GrainId("T", $"k{i}"), default)).ToList();
        gate.SetResult();

        Assert.All(await Task.WhenAll(reads).WaitAsync(Timeout), Assert.Null);
        Assert.Equal(8, sizes.Sum());
        Assert.All(sizes, size => Assert.InRange(size, 1, 3));
    }

    [Fact]
    public async Task ReadAsync_CallerCancels_OnlyThatReadIsCancelled()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batcher = new StateReadBatcher(
            async (grains, _) =>
            {
                await release.Task;
                return grains.ToDictionary(g => g, _ => new byte[] { 1 });
            },
            maxBatch: 100,
            CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var cancelled = batcher.ReadAsync(new GrainId("T", "a"), cancel.Token);
        var kept = batcher.ReadAsync(new GrainId("T", "b"), default);
        await cancel.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Timeout));
        Assert.Equal([1], await kept.WaitAsync(Timeout));
    }
}

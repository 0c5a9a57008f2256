using System.Collections.Concurrent;

namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>
/// What test grains report to the test, shared by every silo of a cluster through DI
/// (<c>TestClusterOptions.ConfigureServices</c>): counters, ordered records, invariant violations and named
/// one-shot signals that grains set or wait on.
/// </summary>
public sealed class TestProbe
{
    private readonly ConcurrentDictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<object>> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();

    public IReadOnlyCollection<string> Violations => [.. _violations];

    public int Increment(string counter) => _counters.AddOrUpdate(counter, 1, static (_, n) => n + 1);

    public int Count(string counter) => _counters.GetValueOrDefault(counter);

    public void Record(string list, object item) => _records.GetOrAdd(list, static _ => new ConcurrentQueue<object>()).Enqueue(item);

    public IReadOnlyList<T> Records<T>(string list) =>
        _records.TryGetValue(list, out var items) ? [.. items.Cast<T>()] : [];

    public void Violation(string message) => _violations.Enqueue(message);

    /// <summary>A named one-shot signal: grains and tests set it with TrySetResult and await its Task.</summary>
    public TaskCompletionSource Signal(string name) =>
        _signals.GetOrAdd(name, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

using System.Collections.Concurrent;
using Crawler.Runtime.Diagnostics;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// What one silo has done since it started: turns by grain method (with how many threw and how long they took),
/// commits refused by epoch and partitions lost. Results say nothing about where they were made, so this is how
/// operators, the dashboard and tests see each silo's share of the work.
/// </summary>
public sealed class SiloStatistics(string siloId = "")
{
    private readonly ConcurrentDictionary<string, MethodCounters> _methods = new(StringComparer.Ordinal);
    private long _commitsRefused;
    private long _partitionsLost;

    /// <summary>Turns run (ended well or not), by method id (<c>Interface.FullName.Method</c>).</summary>
    public IReadOnlyDictionary<string, long> TurnsByMethod => _methods.ToDictionary(m => m.Key, m => m.Value.Calls, StringComparer.Ordinal);

    /// <summary>Every method's turns, exceptions and latency buckets now, sorted by method id.</summary>
    public IReadOnlyList<MethodSnapshot> Methods =>
        [.. _methods.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new MethodSnapshot(m.Key, m.Value.Calls, m.Value.Exceptions, m.Value.Latency.Counts()))];

    /// <summary>Turn commits the substrate refused because the partition had moved (fencing at work).</summary>
    public long CommitsRefused => Interlocked.Read(ref _commitsRefused);

    /// <summary>Partitions dropped without a handover: the lease could not be renewed, a commit was fenced, or the mailbox could not be read.</summary>
    public long PartitionsLost => Interlocked.Read(ref _partitionsLost);

    internal void TurnRan(string methodId) => TurnRan(methodId, TimeSpan.Zero, failed: false);

    /// <summary>A turn ended: <paramref name="duration"/> is the grain method's own time (not its commit's).</summary>
    internal void TurnRan(string methodId, TimeSpan duration, bool failed)
    {
        _methods.GetOrAdd(methodId, static _ => new MethodCounters()).Record(duration, failed);
        RuntimeMetrics.TurnRan(siloId, methodId, failed);
    }

    internal void CommitsWereRefused(int count)
    {
        Interlocked.Add(ref _commitsRefused, count);
        RuntimeMetrics.CommitsWereRefused(siloId, count);
    }

    internal void PartitionWasLost() => Interlocked.Increment(ref _partitionsLost);
}

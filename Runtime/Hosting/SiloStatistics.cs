using System.Collections.Concurrent;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// What one silo has done since it started: turns by grain method, commits refused by epoch and partitions lost. Results say
/// nothing about where they were made, so this is how operators and tests see each silo's share of the work.
/// </summary>
public sealed class SiloStatistics(string siloId = "")
{
    private readonly ConcurrentDictionary<string, long> _turns = new(StringComparer.Ordinal);
    private long _commitsRefused;
    private long _partitionsLost;

    /// <summary>Turns run (ended well or not), by method id (<c>Interface.FullName.Method</c>).</summary>
    public IReadOnlyDictionary<string, long> TurnsByMethod => _turns.ToDictionary(StringComparer.Ordinal);

    /// <summary>Turn commits the substrate refused because the partition had moved (fencing at work).</summary>
    public long CommitsRefused => Interlocked.Read(ref _commitsRefused);

    /// <summary>Partitions dropped without a handover: the lease could not be renewed, a commit was fenced, or the mailbox could not be read.</summary>
    public long PartitionsLost => Interlocked.Read(ref _partitionsLost);

    internal void TurnRan(string methodId)
    {
        _turns.AddOrUpdate(methodId, 1, static (_, n) => n + 1);
        Diagnostics.RuntimeMetrics.TurnRan(siloId, methodId);
    }

    internal void CommitsWereRefused(int count)
    {
        Interlocked.Add(ref _commitsRefused, count);
        Diagnostics.RuntimeMetrics.CommitsWereRefused(siloId, count);
    }

    internal void PartitionWasLost() => Interlocked.Increment(ref _partitionsLost);
}

using System.Diagnostics.Metrics;

namespace Crawler.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments (System.Diagnostics.Metrics, meter "Crawler.Runtime"): turns run and turns failed by
/// grain method, and commits refused by epoch, tagged with the silo. A silo exposes them at /metrics. Turn latency is
/// not an instrument: a histogram record per turn costs every turn a label lookup; the dashboard reads it from
/// <see cref="Hosting.SiloStatistics"/> (fixed buckets, one interlocked add) instead.
/// </summary>
public static class RuntimeMetrics
{
    public const string MeterName = "Crawler.Runtime";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>("crawler.turns", description: "Grain turns run, by grain method");

    private static readonly Counter<long> TurnsFailed = Meter.CreateCounter<long>("crawler.turns.failed", description: "Grain turns that threw, by grain method");

    private static readonly Counter<long> CommitsRefused = Meter.CreateCounter<long>("crawler.commits.refused", description: "Turn commits refused because the partition had moved");

    internal static void TurnRan(string siloId, string methodId, bool failed)
    {
        var silo = new KeyValuePair<string, object?>("silo", siloId);
        var method = new KeyValuePair<string, object?>("method", methodId);
        Turns.Add(1, silo, method);
        if (failed)
        {
            TurnsFailed.Add(1, silo, method);
        }
    }

    internal static void CommitsWereRefused(string siloId, int count) =>
        CommitsRefused.Add(count, new KeyValuePair<string, object?>("silo", siloId));
}

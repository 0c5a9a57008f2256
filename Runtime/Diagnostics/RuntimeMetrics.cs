using System.Diagnostics.Metrics;

namespace Crawler.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments (System.Diagnostics.Metrics, meter "Crawler.Runtime"): turns run by grain method and
/// commits refused by epoch, tagged with the silo. A silo exposes them at /metrics.
/// </summary>
public static class RuntimeMetrics
{
    public const string MeterName = "Crawler.Runtime";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>("crawler.turns", description: "Grain turns run, by grain method");

    private static readonly Counter<long> CommitsRefused = Meter.CreateCounter<long>("crawler.commits.refused", description: "Turn commits refused because the partition had moved");

    internal static void TurnRan(string siloId, string methodId) =>
        Turns.Add(1, new KeyValuePair<string, object?>("silo", siloId), new KeyValuePair<string, object?>("method", methodId));

    internal static void CommitsWereRefused(string siloId, int count) =>
        CommitsRefused.Add(count, new KeyValuePair<string, object?>("silo", siloId));
}

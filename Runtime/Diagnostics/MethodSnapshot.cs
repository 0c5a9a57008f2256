namespace Crawler.Runtime.Diagnostics;

/// <summary>
/// One grain method's turns on one silo since it started, read at one moment: totals and the latency bucket counts
/// (<see cref="LatencyHistogram"/>), so snapshots of several silos can be summed and percentiles taken of the sum.
/// </summary>
public sealed record MethodSnapshot(string Method, long Calls, long Exceptions, long[] LatencyCounts)
{
    public double P50Ms => LatencyHistogram.PercentileMs(LatencyCounts, 0.50);

    public double P95Ms => LatencyHistogram.PercentileMs(LatencyCounts, 0.95);

    public double P99Ms => LatencyHistogram.PercentileMs(LatencyCounts, 0.99);
}

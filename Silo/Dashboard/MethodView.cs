namespace Crawler.Silo.Dashboard;

/// <summary>
/// One grain method on one silo (or summed over the cluster): calls and exceptions since start, calls per second
/// since the previous snapshot, latency percentiles, and the latency bucket counts they come from (so views can sum them).
/// </summary>
public sealed record MethodView(
    string Method,
    long Calls,
    double CallsPerSecond,
    long Exceptions,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    long[] LatencyCounts);

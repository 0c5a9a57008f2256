namespace Crawler.Silo.Metrics;

/// <summary>
/// A histogram's buckets, sum and count for one label set, updated without locks from any thread. Bounds are
/// fixed per histogram (see <see cref="MetricsCollector.DefaultBuckets"/>); a value lands in the first bucket
/// whose upper bound it does not exceed, or in +Inf.
/// </summary>
internal sealed class HistogramSeries(double[] bounds)
{
    private readonly long[] _counts = new long[bounds.Length + 1];
    private long _count;
    private double _sum;

    public void Record(double value)
    {
        var bucket = Array.BinarySearch(bounds, value);
        Interlocked.Increment(ref _counts[bucket >= 0 ? bucket : ~bucket]);
        Interlocked.Increment(ref _count);
        double seen, updated;
        do
        {
            seen = Volatile.Read(ref _sum);
            updated = seen + value;
        }
        while (Interlocked.CompareExchange(ref _sum, updated, seen) != seen);
    }

    public MetricSample Sample(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var buckets = new List<(double, long)>(_counts.Length);
        long cumulative = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            cumulative += Volatile.Read(ref _counts[i]);
            buckets.Add((i < bounds.Length ? bounds[i] : double.PositiveInfinity, cumulative));
        }

        // The count is the +Inf bucket, so the two always agree within one scrape.
        return new MetricSample(labels, 0, buckets, Volatile.Read(ref _sum), cumulative);
    }
}

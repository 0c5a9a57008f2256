namespace Crawler.Runtime.Diagnostics;

/// <summary>
/// Durations counted into fixed, exponentially growing buckets (50 µs to about 2 min, each 1.5 times the last), so
/// recording is one interlocked add and percentiles come from the counts, with no samples kept. A percentile is
/// interpolated inside its bucket, so it is off by at most a bucket's width (a third of its value).
/// </summary>
public sealed class LatencyHistogram
{
    private const double FirstBoundMs = 0.05;
    private const double Growth = 1.5;

    /// <summary>Upper bounds in milliseconds; one more bucket beyond the last takes everything longer.</summary>
    private static readonly double[] Bounds = MakeBounds(38);

    private readonly long[] _counts = new long[Bounds.Length + 1];

    public void Record(TimeSpan duration)
    {
        var ms = duration.TotalMilliseconds;
        var index = Array.BinarySearch(Bounds, ms);
        Interlocked.Increment(ref _counts[index >= 0 ? index : ~index]);
    }

    /// <summary>The counts now, as a copy that later recordings do not change.</summary>
    public long[] Counts()
    {
        var copy = new long[_counts.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _counts[i]);
        }

        return copy;
    }

    /// <summary>The duration below which <paramref name="quantile"/> (0..1) of the counted ones fall; 0 when none was.</summary>
    public static double PercentileMs(long[] counts, double quantile)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Sum();
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Clamp(quantile, 0, 1) * total;
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0 || seen + counts[i] < rank)
            {
                seen += counts[i];
                continue;
            }

            var lower = i == 0 ? 0 : Bounds[i - 1];
            var upper = i < Bounds.Length ? Bounds[i] : Bounds[^1] * Growth;
            return lower + ((upper - lower) * (rank - seen) / counts[i]);
        }

        return Bounds[^1];
    }

    private static double[] MakeBounds(int count)
    {
        var bounds = new double[count];
        var bound = FirstBoundMs;
        for (var i = 0; i < count; i++)
        {
            bounds[i] = bound;
            bound *= Growth;
        }

        return bounds;
    }
}

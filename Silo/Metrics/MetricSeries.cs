namespace Crawler.Silo.Metrics;

/// <summary>One label set of one instrument: a running value, or a histogram's buckets.</summary>
internal sealed class MetricSeries(string key, KeyValuePair<string, string>[] labels, MetricKind kind)
{
    private double _value;

    public string Key => key;

    public IReadOnlyList<KeyValuePair<string, string>> Labels => labels;

    public HistogramSeries? Histogram { get; } = kind == MetricKind.Histogram ? new HistogramSeries(MetricsCollector.DefaultBuckets) : null;

    public double Value => Volatile.Read(ref _value);

    public void Record(double value, bool observed)
    {
        if (Histogram is { } histogram)
        {
            histogram.Record(value);
            return;
        }

        if (observed)
        {
            // An observable instrument reports its current value (a gauge) or its running total (a counter).
            Volatile.Write(ref _value, value);
            return;
        }

        double seen, updated;
        do
        {
            seen = Volatile.Read(ref _value);
            updated = seen + value;
        }
        while (Interlocked.CompareExchange(ref _value, updated, seen) != seen);
    }
}

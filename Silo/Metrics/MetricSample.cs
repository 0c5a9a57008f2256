namespace Crawler.Silo.Metrics;

/// <summary>
/// One series of a metric at a scrape: its labels and value; for a histogram also the cumulative counts per upper
/// bound (the last bound is +Inf), the sum and the count.
/// </summary>
public sealed record MetricSample(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    double Value,
    IReadOnlyList<(double UpperBound, long CumulativeCount)>? Buckets = null,
    double Sum = 0,
    long Count = 0);

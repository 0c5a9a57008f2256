namespace Crawler.Silo.Metrics;

/// <summary>The Prometheus metric types the collector writes.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}

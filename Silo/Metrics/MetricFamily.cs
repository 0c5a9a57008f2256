namespace Crawler.Silo.Metrics;

/// <summary>A metric as Prometheus sees it: a name, help text, a type and its series.</summary>
public sealed record MetricFamily(string Name, string Help, MetricKind Kind, IReadOnlyList<MetricSample> Samples);

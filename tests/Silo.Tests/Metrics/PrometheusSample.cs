namespace Crawler.Silo.Tests.Metrics;

/// <summary>One line of Prometheus text read back: a series name, its labels and value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

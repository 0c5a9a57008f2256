using System.Diagnostics.Metrics;
using Crawler.Silo.Metrics;

namespace Crawler.Silo.Tests.Metrics;

public sealed class MetricsCollectorTests
{
    [Fact]
    public void Collect_CounterHistogramAndGauge_WritesPrometheusTextThatParsesBack()
    {
        using var collector = new MetricsCollector();
        using var meter = new Meter($"Crawler.Test.{Guid.NewGuid():N}");
        var prefix = $"t{Guid.NewGuid():N}";
        var pages = meter.CreateCounter<long>($"{prefix}.pages", description: "Pages \"fetched\"\nper status");
        var latency = meter.CreateHistogram<double>($"{prefix}.latency", unit: "ms");
        meter.CreateObservableGauge($"{prefix}.queued", () => 42L);
        pages.Add(3, new KeyValuePair<string, object?>("status", 200));
        pages.Add(2, new KeyValuePair<string, object?>("status", 200));
        pages.Add(1, new KeyValuePair<string, object?>("status", "a\"b\\c"));
        latency.Record(0.5);
        latency.Record(7);
        latency.Record(50_000);

        var (types, samples) = PrometheusTextParser.Parse(PrometheusTextWriter.Write(collector.Collect()));

        Assert.Equal("counter", types[$"{prefix}_pages_total"]);
        Assert.Equal("histogram", types[$"{prefix}_latency_ms"]);
        Assert.Equal("gauge", types[$"{prefix}_queued"]);
        Assert.Equal(5, samples.Single(s => s.Name == $"{prefix}_pages_total" && s.Labels["status"] == "200").Value);
        Assert.Equal(1, samples.Single(s => s.Name == $"{prefix}_pages_total" && s.Labels["status"] == "a\"b\\c").Value);
        Assert.Equal(42, samples.Single(s => s.Name == $"{prefix}_queued").Value);
        var buckets = samples.Where(s => s.Name == $"{prefix}_latency_ms_bucket").ToDictionary(s => s.Labels["le"], s => s.Value);
        Assert.Equal(1, buckets["1"]);
        Assert.Equal(2, buckets["10"]);
        Assert.Equal(2, buckets["30000"]);
        Assert.Equal(3, buckets["+Inf"]);
        Assert.Equal(3, samples.Single(s => s.Name == $"{prefix}_latency_ms_count").Value);
        Assert.Equal(50_007.5, samples.Single(s => s.Name == $"{prefix}_latency_ms_sum").Value);
    }

    [Fact]
    public void Collect_MeterNotNamedCrawler_IsNotListened()
    {
        using var collector = new MetricsCollector();
        using var meter = new Meter($"Other.{Guid.NewGuid():N}");
        var name = $"o{Guid.NewGuid():N}";
        meter.CreateCounter<long>(name).Add(1);

        Assert.DoesNotContain(collector.Collect(), f => f.Name.StartsWith(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_FromManyThreads_LosesNoIncrement()
    {
        using var collector = new MetricsCollector();
        using var meter = new Meter($"Crawler.Test.{Guid.NewGuid():N}");
        var name = $"c{Guid.NewGuid():N}";
        var counter = meter.CreateCounter<long>(name);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Add(1);
            }
        })));

        Assert.Equal(40_000, collector.Collect().Single(f => f.Name == name + "_total").Samples.Single().Value);
    }
}

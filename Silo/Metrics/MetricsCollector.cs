using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Crawler.Silo.Metrics;

/// <summary>
/// Listens to every <see cref="Meter"/> whose name starts with "Crawler" (System.Diagnostics.Metrics) and keeps
/// running totals per instrument and label set: counters sum, up-down counters and observable gauges give their
/// current value, histograms count into fixed buckets. A scrape reads them; nothing is kept per measurement, so the
/// cost of a recorded value is a dictionary lookup and an interlocked add.
/// </summary>
/// <remarks>
/// Written by hand because the Prometheus exporter packages (OpenTelemetry.Exporter.Prometheus.*, prometheus-net)
/// do not restore here; the text format itself is small (see <see cref="PrometheusTextWriter"/>).
/// </remarks>
public sealed class MetricsCollector : IDisposable
{
    public const string MeterPrefix = "Crawler";

    /// <summary>Upper bounds for histograms in milliseconds: 1 ms to 30 s.</summary>
    public static readonly double[] DefaultBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, MetricSeries>> _series = new();

    public MetricsCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal))
            {
                _series.TryAdd(instrument, new ConcurrentDictionary<string, MetricSeries>(StringComparer.Ordinal));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _series.TryRemove(instrument, out var _);
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Every metric now, sorted by name; observable instruments are read at this moment.</summary>
    public IReadOnlyList<MetricFamily> Collect()
    {
        // Observable gauges keep only what this read gives: a label set that stopped being reported is gone.
        foreach (var (instrument, series) in _series)
        {
            if (instrument.IsObservable)
            {
                series.Clear();
            }
        }

        _listener.RecordObservableInstruments();
        var families = new List<MetricFamily>(_series.Count);
        foreach (var (instrument, series) in _series)
        {
            var kind = KindOf(instrument);
            var samples = series.Values
                .OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => s.Histogram is { } histogram ? histogram.Sample(s.Labels) : new MetricSample(s.Labels, s.Value))
                .ToList();
            families.Add(new MetricFamily(PrometheusName(instrument, kind), instrument.Description ?? instrument.Name, kind, samples));
        }

        return [.. families.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>
    /// "crawler.pages.fetched" becomes crawler_pages_fetched (counters end in _total when written); a unit of ms or
    /// By is appended (_ms, _bytes), as Prometheus names carry their unit.
    /// </summary>
    public static string PrometheusName(Instrument instrument, MetricKind kind)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = Sanitize(instrument.Name);
        var unit = instrument.Unit switch
        {
            "ms" => "_ms",
            "By" => "_bytes",
            "s" => "_seconds",
            _ => "",
        };
        if (unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal))
        {
            name += unit;
        }

        return kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == '_' || chars[i] == ':'))
            {
                chars[i] = '_';
            }
        }

        return char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
    }

    private static MetricKind KindOf(Instrument instrument) => instrument switch
    {
        Histogram<long> or Histogram<int> or Histogram<double> => MetricKind.Histogram,
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => MetricKind.Counter,
        _ => MetricKind.Gauge,
    };

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_series.TryGetValue(instrument, out var series))
        {
            return;
        }

        var key = LabelKey(tags);
        var entry = series.GetOrAdd(key, static (_, state) => new MetricSeries(state.Key, Labels(state.Tags), state.Kind), (Key: key, Tags: tags.ToArray(), Kind: KindOf(instrument)));
        entry.Record(value, instrument.IsObservable);
    }

    private static string LabelKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var parts = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            parts[i] = tags[i].Key + "\u0001" + Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture);
        }

        Array.Sort(parts, StringComparer.Ordinal);
        return string.Join('\u0002', parts);
    }

    private static KeyValuePair<string, string>[] Labels(KeyValuePair<string, object?>[] tags) =>
        [.. tags.Select(t => KeyValuePair.Create(Sanitize(t.Key), Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "")).OrderBy(t => t.Key, StringComparer.Ordinal)];
}

using System.Diagnostics.Metrics;
using Crawler.Grains.Diagnostics;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// Counts the crawl's result lines and failed ones (no response, or a 5xx) from the crawl meter's <c>crawler.pages</c>
/// counter, and nothing else: one callback and an interlocked add per page, so a silo pays next to nothing for the
/// dashboard's pages/s while nobody watches (a listener on every instrument, as /metrics has, costs a turn far more).
/// </summary>
internal sealed class PageCounter : IDisposable
{
    private const string PagesInstrument = "crawler.pages";
    private readonly MeterListener _listener = new();
    private long _pages;
    private long _errors;

    public PageCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CrawlMetrics.MeterName && instrument.Name == PagesInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
        _listener.Start();
    }

    public long Pages => Interlocked.Read(ref _pages);

    public long Errors => Interlocked.Read(ref _errors);

    public void Dispose() => _listener.Dispose();

    private void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Interlocked.Add(ref _pages, value);
        foreach (var tag in tags)
        {
            if (tag.Key == "status" && tag.Value is string status && (status == "none" || (status.Length == 3 && status[0] >= '5')))
            {
                Interlocked.Add(ref _errors, value);
            }
        }
    }
}

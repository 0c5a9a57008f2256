using System.Diagnostics.Metrics;
using System.Globalization;
using Crawler.Grains.Interfaces;

namespace Crawler.Grains.Diagnostics;

/// <summary>
/// The crawl's instruments (meter "Crawler.Grains"): pages recorded (one per result line, by status), body bytes and
/// fetch time. A silo exposes them at /metrics.
/// </summary>
public static class CrawlMetrics
{
    public const string MeterName = "Crawler.Grains";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Pages = Meter.CreateCounter<long>("crawler.pages", description: "URLs recorded (result lines), by HTTP status or 'none'");

    private static readonly Counter<long> Bytes = Meter.CreateCounter<long>("crawler.fetched", unit: "By", description: "Body bytes read");

    private static readonly Histogram<double> FetchTime = Meter.CreateHistogram<double>("crawler.fetch.duration", unit: "ms", description: "Time per fetch, retries included");

    public static void Recorded(CrawlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Pages.Add(1, new KeyValuePair<string, object?>("status", result.Status?.ToString(CultureInfo.InvariantCulture) ?? "none"));
        if (result.Status is not null)
        {
            Bytes.Add(result.Bytes);
            FetchTime.Record(result.FetchMs);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Crawler.Client.Cli;
using Crawler.Grains.Interfaces;

namespace Crawler.Client.Crawling;

/// <summary>The summary JSON of a crawl (--summary): the job's final counters, its spec (not known to a resumed run), and how long it ran.</summary>
internal sealed record CrawlSummary(string JobId, JobStatus Status, CrawlJobSpec? Spec, double DurationSeconds, double PagesPerSecond, long Results)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static CrawlSummary Of(CrawlSettings settings, CrawlOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(outcome);
        return new CrawlSummary(settings.JobId, outcome.Status, settings.Resume ? null : settings.Spec, outcome.Duration.TotalSeconds, outcome.PagesPerSecond, outcome.Urls.Count);
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.Create(path);
            await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write the summary file '{path}': {ex.Message}", ex);
        }
    }
}

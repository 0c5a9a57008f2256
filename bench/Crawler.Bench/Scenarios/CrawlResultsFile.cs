using System.Text.Json;

namespace Crawler.Bench.Scenarios;

/// <summary>Reads a crawl's JSON Lines results: how many, how many distinct URLs, and the span of their fetch times.</summary>
public sealed record CrawlResultsFile(int Count, int DistinctUrls, DateTimeOffset FirstFetch, DateTimeOffset LastFetch)
{
    public TimeSpan Span => LastFetch - FirstFetch;

    public static async Task<CrawlResultsFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var count = 0;
        var urls = new HashSet<string>(StringComparer.Ordinal);
        var first = DateTimeOffset.MaxValue;
        var last = DateTimeOffset.MinValue;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            count++;
            urls.Add(Property(root, "url").GetString() ?? "");
            var fetchedAt = Property(root, "fetchedAt").GetDateTimeOffset();
            first = fetchedAt < first ? fetchedAt : first;
            last = fetchedAt > last ? fetchedAt : last;
        }

        return new CrawlResultsFile(count, urls.Count, first, last);
    }

    private static JsonElement Property(JsonElement element, string camelName) =>
        element.TryGetProperty(camelName, out var value) ? value
        : element.TryGetProperty(char.ToUpperInvariant(camelName[0]) + camelName[1..], out value) ? value
        : throw new FormatException($"a result line has no '{camelName}'");
}

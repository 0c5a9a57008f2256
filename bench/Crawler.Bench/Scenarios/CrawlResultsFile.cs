using System.Text.Json;

namespace Crawler.Bench.Scenarios;

/// <summary>Reads a crawl's JSON Lines results: how many, which distinct URLs, and the span of their fetch times.</summary>
public sealed record CrawlResultsFile(int Count, IReadOnlySet<string> Urls, DateTimeOffset FirstFetch, DateTimeOffset LastFetch)
{
    public int DistinctUrls => Urls.Count;

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

        return new CrawlResultsFile(count, urls, first, last);
    }

    /// <summary>A crawl that missed, doubled or invented a URL is an error, not a number.</summary>
    /// <exception cref="InvalidOperationException">The results are not exactly <paramref name="expected"/>, each once.</exception>
    public void RequireExactly(IReadOnlySet<string> expected, string crawl)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (Count == expected.Count && Urls.SetEquals(expected))
        {
            return;
        }

        var missing = expected.Where(u => !Urls.Contains(u)).ToList();
        var unexpected = Urls.Where(u => !expected.Contains(u)).ToList();
        throw new InvalidOperationException(
            $"{crawl} recorded {Count} results for {DistinctUrls} URLs; the site has {expected.Count} reachable URLs: {missing.Count} missing (e.g. {string.Join(", ", missing.Take(3))}), "
            + $"{unexpected.Count} not reachable (e.g. {string.Join(", ", unexpected.Take(3))}), {Count - DistinctUrls} results for a URL already recorded");
    }

    private static JsonElement Property(JsonElement element, string camelName) =>
        element.TryGetProperty(camelName, out var value) ? value
        : element.TryGetProperty(char.ToUpperInvariant(camelName[0]) + camelName[1..], out value) ? value
        : throw new FormatException($"a result line has no '{camelName}'");
}

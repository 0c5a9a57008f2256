using System.Globalization;

namespace Crawler.Bench.Site;

/// <summary>What <see cref="StaticSiteGenerator"/> wrote: the pages and the missing targets a crawl of it must record.</summary>
public sealed record StaticSite(string Root, int Pages, IReadOnlySet<int> Missing, long Bytes)
{
    public const string SeedPath = "/p/0.html";

    public int MissingTargets => Missing.Count;

    /// <summary>URLs a host-scoped crawl from page 0 reaches: every page (a chain links them all) and every missing target.</summary>
    public int ReachableUrls => Pages + MissingTargets;

    /// <summary>Those URLs, as the crawler records them, for the site served at <paramref name="baseUrl"/> ("http://127.0.0.1:port").</summary>
    public IReadOnlySet<string> ReachableUrlsAt(string baseUrl)
    {
        var urls = new HashSet<string>(ReachableUrls, StringComparer.Ordinal);
        for (var page = 0; page < Pages; page++)
        {
            urls.Add(string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/p/{page}.html"));
        }

        foreach (var missing in Missing)
        {
            urls.Add(string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/missing/{missing}.html"));
        }

        return urls;
    }
}

using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;

namespace Crawler.Grains.Crawl;

/// <summary>
/// Turns a fetch into a result and follow-up URLs: links of a successful HTML page, or the target of a
/// redirect (same depth, one more hop). Pure, so it is tested without grains or a network.
/// </summary>
public static class PageProcessor
{
    public const int MaxRedirectHops = 10;

    /// <summary>The result a fetch gives before its content is looked at: status, size, timing and the fetch's error.</summary>
    public static CrawlResult ResultOf(string url, Discovery discovery, FetchResponse response, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentNullException.ThrowIfNull(response);
        return new CrawlResult
        {
            Url = url,
            FinalUrl = url,
            Status = response.Status,
            ContentType = response.ContentType,
            Depth = discovery.Depth,
            Parent = discovery.Parent,
            Bytes = response.Bytes,
            FetchMs = response.ElapsedMs,
            Error = response.Error,
            FetchedAt = fetchedAt,
        };
    }

    public static ProcessedPage Process(string url, Discovery discovery, FetchResponse response, CompiledJob job, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(job);
        var followUps = new List<(string, Discovery)>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { url };
        var result = ResultOf(url, discovery, response, fetchedAt);

        if (response.IsRedirect)
        {
            if (!job.Normalizer.TryNormalize(response.Location!, new Uri(url), out var target, out var rejection))
            {
                return new ProcessedPage(result with { Error = $"redirect to an uncrawlable location '{response.Location}': {rejection}" }, followUps);
            }

            result = result with { FinalUrl = target };
            if (discovery.RedirectHops >= MaxRedirectHops)
            {
                return new ProcessedPage(result with { Error = $"more than {MaxRedirectHops} redirects in a row; not followed" }, followUps);
            }

            if (seen.Add(target) && job.Scope.IsInScope(new Uri(target)))
            {
                followUps.Add((target, new Discovery(discovery.Depth, url, discovery.RedirectHops + 1)));
            }

            return new ProcessedPage(result, followUps);
        }

        if (!response.IsSuccess || response.Html is null)
        {
            return new ProcessedPage(result, followUps);
        }

        var page = job.Extractor.Extract(response.Html, new Uri(url));
        result = result with { Title = page.Title, LinksFound = page.LinksSeen };
        var childDepth = discovery.Depth + 1;
        if (page.MetaNoFollow || childDepth > (job.Spec.MaxDepth ?? int.MaxValue))
        {
            return new ProcessedPage(result, followUps);
        }

        foreach (var link in page.Links)
        {
            if (link.NoFollow
                || !job.Normalizer.TryNormalize(link.Url, null, out var child, out _)
                || !seen.Add(child)
                || !job.Scope.IsInScope(new Uri(child)))
            {
                continue;
            }

            followUps.Add((child, new Discovery(childDepth, url)));
        }

        return new ProcessedPage(result, followUps);
    }
}

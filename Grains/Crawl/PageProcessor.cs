using System.Globalization;
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

    /// <summary>The result a fetch gives before its content is looked at: status, size, timing, attempts and the fetch's error.</summary>
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
            Attempts = response.Attempts,
            FetchedAt = fetchedAt,
        };
    }

    public static ProcessedPage Process(string url, Discovery discovery, FetchResponse response, CompiledJob job, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(job);
        var result = ResultOf(url, discovery, response, fetchedAt);
        if (response.IsRedirect)
        {
            return Redirect(url, discovery, response, job, result);
        }

        var followUps = new List<(string, Discovery)>();
        if (!response.IsSuccess || response.Html is null)
        {
            return new ProcessedPage(result, followUps);
        }

        var page = job.Extractor.Extract(response.Html, new Uri(url));
        result = result with
        {
            Title = page.Title,
            LinksFound = page.LinksSeen,
            NoIndex = page.MetaNoIndex,
            Canonical = page.Canonical is { } canonical && job.Normalizer.TryNormalize(canonical, null, out var normalized, out _) ? normalized : page.Canonical,
        };
        if (page.Truncated && result.Error is null)
        {
            var cap = job.Spec.MaxLinksPerPage;
            result = result with { Error = string.Create(CultureInfo.InvariantCulture, $"links capped: only the first {cap:N0} distinct links of the page were read ({page.LinksSeen:N0} found)") };
        }

        var respectNoFollow = job.Spec.RespectNoFollow;
        var childDepth = discovery.Depth + 1;
        if ((respectNoFollow && page.MetaNoFollow) || childDepth > (job.Spec.MaxDepth ?? int.MaxValue))
        {
            return new ProcessedPage(result, followUps);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { url };
        foreach (var link in page.Links)
        {
            if ((respectNoFollow && link.NoFollow)
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

    /// <summary>
    /// A redirect's target is crawled as its own URL, at the same depth, remembering the chain so far: a target already
    /// in the chain closes a loop, which is recorded and not followed, as is an eleventh hop in a row.
    /// </summary>
    private static ProcessedPage Redirect(string url, Discovery discovery, FetchResponse response, CompiledJob job, CrawlResult result)
    {
        if (!job.Normalizer.TryNormalize(response.Location!, new Uri(url), out var target, out var rejection))
        {
            return new ProcessedPage(result with { Error = $"redirect to an uncrawlable location '{response.Location}': {rejection}" }, []);
        }

        result = result with { FinalUrl = target };
        IReadOnlyList<string> chain = [.. discovery.RedirectChain ?? [], url];
        if (chain.Contains(target, StringComparer.Ordinal))
        {
            var loop = string.Join(" -> ", chain.SkipWhile(hop => hop != target).Append(target));
            return new ProcessedPage(result with { Error = $"redirect loop: {loop}; not followed" }, []);
        }

        if (discovery.RedirectHops >= MaxRedirectHops)
        {
            return new ProcessedPage(result with { Error = $"more than {MaxRedirectHops} redirects in a row; not followed" }, []);
        }

        IReadOnlyList<(string, Discovery)> followUps = job.Scope.IsInScope(new Uri(target))
            ? [(target, new Discovery(discovery.Depth, url, discovery.RedirectHops + 1, chain))]
            : [];
        return new ProcessedPage(result, followUps);
    }
}

using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;
using Crawler.Grains.Sitemaps;

namespace Crawler.Grains.Hosts;

/// <summary>
/// Reads a host's sitemaps for one job: the ones robots.txt lists, else <c>/sitemap.xml</c>; a sitemap index is
/// followed breadth first, gzip is recognized by its bytes. Only sitemaps on the host itself are read (their fetches go
/// through its politeness), at most <see cref="MaxFiles"/> of them, and at most <see cref="MaxUrls"/> page URLs are
/// taken, normalized, in the job's scope and without repeats.
/// </summary>
internal static class HostSitemaps
{
    public const int MaxFiles = 20;
    public const int MaxUrls = SitemapParser.MaxUrls;
    public const string DefaultPath = "/sitemap.xml";

    /// <param name="host">The host's key, <c>scheme://host:port</c>.</param>
    /// <param name="listed">The <c>Sitemap:</c> lines of its robots.txt.</param>
    /// <param name="job">The job the URLs are for.</param>
    /// <param name="fetch">Fetches one sitemap with the host's politeness; a response without status says why it was not (robots.txt).</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static async Task<SitemapHarvest> ReadAsync(
        string host,
        IReadOnlyList<string> listed,
        CompiledJob job,
        Func<string, CancellationToken, Task<FetchResponse>> fetch,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var queue = new Queue<string>();
        var queued = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in listed.Count > 0 ? listed : [host + DefaultPath])
        {
            Enqueue(candidate, host, job, queue, queued, problems);
        }

        var pages = new List<(string, string)>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var cap = (int)Math.Min(MaxUrls, job.Spec.MaxUrlsPerHost);
        for (var files = 0; queue.Count > 0 && pages.Count < cap; files++)
        {
            var sitemap = queue.Dequeue();
            if (files == MaxFiles)
            {
                problems.Add($"more than {MaxFiles} sitemap files; {sitemap} and the rest not read");
                break;
            }

            var response = await fetch(sitemap, cancellationToken);
            if (!response.IsSuccess || response.Body is null)
            {
                problems.Add($"{sitemap}: {response.Error ?? $"HTTP {response.Status}"}");
                continue;
            }

            using var body = new MemoryStream(response.Body, writable: false);
            var content = SitemapParser.Parse(body);
            foreach (var nested in content.SitemapUrls)
            {
                Enqueue(nested, host, job, queue, queued, problems);
            }

            foreach (var page in content.PageUrls)
            {
                if (pages.Count == cap)
                {
                    problems.Add($"more than {cap} sitemap URLs; the rest not taken");
                    break;
                }

                if (job.Normalizer.TryNormalize(page, null, out var url, out _) && job.Scope.IsInScope(new Uri(url)) && taken.Add(url))
                {
                    pages.Add((url, sitemap));
                }
            }
        }

        return new SitemapHarvest(pages, problems);
    }

    private static void Enqueue(string candidate, string host, CompiledJob job, Queue<string> queue, HashSet<string> queued, List<string> problems)
    {
        if (!job.Normalizer.TryNormalize(candidate, null, out var url, out var rejection))
        {
            problems.Add($"sitemap '{candidate}' skipped: {rejection}");
        }
        else if (!string.Equals(HostKey.Of(url), host, StringComparison.Ordinal))
        {
            problems.Add($"sitemap {url} skipped: not on {host}");
        }
        else if (queued.Add(url))
        {
            queue.Enqueue(url);
        }
    }
}

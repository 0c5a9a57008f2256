using System.Net;

namespace Crawler.SyntheticSite.Tests;

public sealed class SyntheticWebSiteCrawlTests
{
    [Fact]
    public async Task BreadthFirstCrawl_ThreeHosts_ReachesExactlyReachableAllHosts()
    {
        using var timeout = new CancellationTokenSource(TestHttp.Timeout);
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 300, Hosts = 3, Seed = 5 }, timeout.Token);
        using var client = TestHttp.CreateClient();
        var external = site.ExternalRoot.GetLeftPart(UriPartial.Authority) + "/";
        var seen = new HashSet<string>(StringComparer.Ordinal) { site.Root.ToString() };
        var queue = new Queue<string>(seen);
        var externalLinks = 0;

        while (queue.TryDequeue(out var url))
        {
            var uri = new Uri(url);
            using var response = await client.GetAsync(uri, timeout.Token);
            Assert.Equal(site.StatusOf(url), (int)response.StatusCode);
            IEnumerable<string> next = [];
            if (response.StatusCode == HttpStatusCode.MovedPermanently)
            {
                next = [HtmlLinks.Normalize(new Uri(uri, response.Headers.Location!))];
            }
            else if (response.StatusCode == HttpStatusCode.OK)
            {
                next = HtmlLinks.ResolvedTargets(uri, await response.Content.ReadAsStringAsync(timeout.Token));
            }

            foreach (var target in next)
            {
                if (target.StartsWith(external, StringComparison.Ordinal))
                {
                    externalLinks++;
                }
                else if (seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        Assert.Equal(site.Reachable(SiteScope.AllHosts).Order(), seen.Order());
        Assert.True(externalLinks > 0, "the crawl met no external link, so the check below proves nothing");
        Assert.Equal(0, site.ExternalRequests);
        Assert.Equal(seen.Count, site.TotalRequests);
        Assert.All(seen, url => Assert.Equal(1, site.RequestsFor(url)));
    }

    [Fact]
    public async Task BreadthFirstCrawl_RootHostOnly_ReachesExactlyReachableRootHost()
    {
        using var timeout = new CancellationTokenSource(TestHttp.Timeout);
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 300, Hosts = 3, Seed = 5 }, timeout.Token);
        using var client = TestHttp.CreateClient();
        var origin = site.Root.ToString();
        var seen = new HashSet<string>(StringComparer.Ordinal) { origin };
        var queue = new Queue<string>(seen);

        while (queue.TryDequeue(out var url))
        {
            var uri = new Uri(url);
            using var response = await client.GetAsync(uri, timeout.Token);
            IEnumerable<string> next = response.StatusCode switch
            {
                HttpStatusCode.MovedPermanently => [HtmlLinks.Normalize(new Uri(uri, response.Headers.Location!))],
                HttpStatusCode.OK => HtmlLinks.ResolvedTargets(uri, await response.Content.ReadAsStringAsync(timeout.Token)),
                _ => [],
            };
            foreach (var target in next.Where(target => target.StartsWith(origin, StringComparison.Ordinal)))
            {
                if (seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        Assert.Equal(site.Reachable(SiteScope.RootHost).Order(), seen.Order());
        Assert.True(seen.Count < site.Reachable(SiteScope.AllHosts).Count);
    }
}

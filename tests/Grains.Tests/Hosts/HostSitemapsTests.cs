using System.Text;
using Crawler.Grains.Fetching;
using Crawler.Grains.Hosts;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;

namespace Crawler.Grains.Tests.Hosts;

public sealed class HostSitemapsTests
{
    private const string Host = "http://site.test";

    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly List<string> _fetched = [];

    private static CompiledJob Job(long maxUrlsPerHost = CrawlJobSpec.DefaultMaxUrlsPerHost) =>
        new(new CrawlJobSpec { Seeds = [Host + "/"], MaxUrlsPerHost = maxUrlsPerHost });

    private static string UrlSet(params string[] urls) =>
        $"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{string.Concat(urls.Select(u => $"<url><loc>{u}</loc></url>"))}</urlset>";

    private static string Index(params string[] sitemaps) =>
        $"<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{string.Concat(sitemaps.Select(u => $"<sitemap><loc>{u}</loc></sitemap>"))}</sitemapindex>";

    private Task<FetchResponse> FetchAsync(string url, CancellationToken cancellationToken)
    {
        _fetched.Add(url);
        return Task.FromResult(_files.TryGetValue(url, out var body)
            ? new FetchResponse { Status = 200, Body = Encoding.UTF8.GetBytes(body) }
            : new FetchResponse { Status = 404, Error = null });
    }

    private Task<SitemapHarvest> ReadAsync(CompiledJob job, params string[] listed) =>
        HostSitemaps.ReadAsync(Host, listed, job, FetchAsync, CancellationToken.None);

    [Fact]
    public async Task ReadAsync_NothingListed_ReadsSitemapXml()
    {
        _files[Host + "/sitemap.xml"] = UrlSet(Host + "/a", Host + "/b");

        var harvest = await ReadAsync(Job());

        Assert.Equal([Host + "/sitemap.xml"], _fetched);
        Assert.Equal([(Host + "/a", Host + "/sitemap.xml"), (Host + "/b", Host + "/sitemap.xml")], harvest.Pages);
        Assert.Empty(harvest.Problems);
    }

    [Fact]
    public async Task ReadAsync_Index_FollowsItsSitemapsOnThisHostOnly()
    {
        _files[Host + "/index.xml"] = Index(Host + "/one.xml", "http://elsewhere.test/two.xml");
        _files[Host + "/one.xml"] = UrlSet(Host + "/a");

        var harvest = await ReadAsync(Job(), Host + "/index.xml");

        Assert.Equal([Host + "/index.xml", Host + "/one.xml"], _fetched);
        Assert.Equal([(Host + "/a", Host + "/one.xml")], harvest.Pages);
        Assert.Contains("sitemap http://elsewhere.test/two.xml skipped: not on http://site.test", harvest.Problems);
    }

    [Fact]
    public async Task ReadAsync_PagesOutOfScopeOrRepeated_AreDropped()
    {
        _files[Host + "/sitemap.xml"] = UrlSet(Host + "/a", "http://other.test/x", Host + "/a#frag", "HTTP://SITE.TEST/b");

        var harvest = await ReadAsync(Job());

        Assert.Equal([Host + "/a", Host + "/b"], harvest.Pages.Select(p => p.Url));
    }

    [Fact]
    public async Task ReadAsync_MoreUrlsThanTheJobTakesPerHost_StopsAtTheCap()
    {
        _files[Host + "/sitemap.xml"] = UrlSet([.. Enumerable.Range(0, 10).Select(i => $"{Host}/p{i}")]);

        var harvest = await ReadAsync(Job(maxUrlsPerHost: 3));

        Assert.Equal(3, harvest.Pages.Count);
        Assert.Contains("more than 3 sitemap URLs; the rest not taken", harvest.Problems);
    }

    [Fact]
    public async Task ReadAsync_IndexOfManySitemaps_ReadsAtMostTheFileCap()
    {
        _files[Host + "/index.xml"] = Index([.. Enumerable.Range(0, 50).Select(i => $"{Host}/s{i}.xml")]);

        var harvest = await ReadAsync(Job(), Host + "/index.xml");

        Assert.Equal(HostSitemaps.MaxFiles, _fetched.Count);
        Assert.Contains(harvest.Problems, p => p.StartsWith($"more than {HostSitemaps.MaxFiles} sitemap files", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_MissingOrRefusedSitemap_IsAProblemNotAFailure()
    {
        _files[Host + "/ok.xml"] = UrlSet(Host + "/a");

        var harvest = await ReadAsync(Job(), Host + "/missing.xml", Host + "/ok.xml");

        Assert.Equal([Host + "/a"], harvest.Pages.Select(p => p.Url));
        Assert.Equal([$"{Host}/missing.xml: HTTP 404"], harvest.Problems);
    }

    [Fact]
    public async Task ReadAsync_IndexListingItself_IsReadOnce()
    {
        _files[Host + "/index.xml"] = Index(Host + "/index.xml");

        await ReadAsync(Job(), Host + "/index.xml");

        Assert.Equal([Host + "/index.xml"], _fetched);
    }
}

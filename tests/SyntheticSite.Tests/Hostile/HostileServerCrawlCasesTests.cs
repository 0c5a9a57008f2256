using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.SyntheticSite.Tests.Hostile;

/// <summary>The hostile server's pages made for whole crawls: a 429 storm, links into private networks, a relative-link trap, sitemaps.</summary>
public sealed partial class HostileServerCrawlCasesTests(HostileServerFixture fixture) : IClassFixture<HostileServerFixture>, IDisposable
{
    private readonly HostileServer _server = fixture.Server;
    private readonly HttpClient _client = fixture.Client;
    private readonly CancellationTokenSource _guard = new(TestHttp.Timeout);

    public void Dispose() => _guard.Dispose();

    private async Task<string> HtmlAsync(HostileServer server, string path)
    {
        using var response = await _client.GetAsync(server.UrlOf(path), _guard.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(_guard.Token);
    }

    private async Task<byte[]> BytesAsync(HostileServer server, string path)
    {
        using var response = await _client.GetAsync(server.UrlOf(path), _guard.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(_guard.Token);
    }

    private static string Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task Get_TooManyRequestsStorm_LinksToDistinct429Urls()
    {
        var hrefs = HtmlLinks.Hrefs(await HtmlAsync(_server, HostilePaths.TooManyRequestsStorm));

        Assert.Equal(Enumerable.Range(0, HostilePaths.TooManyRequestsStormSize).Select(HostilePaths.TooManyRequestsStormTarget), hrefs);
        using var target = await _client.GetAsync(_server.UrlOf(HostilePaths.TooManyRequestsStormTarget(3)), _guard.Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, target.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(HostilePaths.TooManyRequestsRetryAfterSeconds), target.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Get_Ssrf_LinksToMetadataPrivateAndLinkLocalAddressesAndHome()
    {
        var hrefs = HtmlLinks.Hrefs(await HtmlAsync(_server, HostilePaths.Ssrf));

        Assert.Equal([.. HostilePaths.SsrfTargets, HostilePaths.Root], hrefs);
    }

    [Theory]
    [InlineData(HostilePaths.RelativeTrap)]
    [InlineData("/trap/x/x/x/x/x/")]
    public async Task Get_RelativeTrap_EveryPageLinksOneLevelDeeper(string path)
    {
        Assert.Equal(["x/"], HtmlLinks.Hrefs(await HtmlAsync(_server, path)));
    }

    [Fact]
    public async Task Get_Root_DoesNotLinkTheWholeCrawlCases()
    {
        var hrefs = HtmlLinks.Hrefs(await HtmlAsync(_server, HostilePaths.Root));

        Assert.DoesNotContain(HostilePaths.Ssrf, hrefs);
        Assert.DoesNotContain(HostilePaths.TooManyRequestsStorm, hrefs);
        Assert.DoesNotContain(hrefs, href => href.StartsWith(HostilePaths.FromSitemapPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_RobotsWithSitemaps_ListsTheGzipIndexWhichListsBothSitemaps()
    {
        await using var server = await HostileServer.StartAsync(new HostileOptions { Robots = RobotsBehavior.WithSitemaps }, _guard.Token);
        var origin = server.Root.GetLeftPart(UriPartial.Authority);

        var robots = await HtmlAsync(server, HostilePaths.Robots);
        var index = Gunzip(await BytesAsync(server, HostilePaths.SitemapIndex));

        Assert.Contains($"Sitemap: {origin}{HostilePaths.SitemapIndex}\n", robots, StringComparison.Ordinal);
        Assert.Contains("<sitemapindex", index, StringComparison.Ordinal);
        Assert.Equal([origin + HostilePaths.SitemapXmlGzip, origin + HostilePaths.SitemapText], Loc().Matches(index).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public async Task Get_Sitemaps_TogetherListEveryFromSitemapPage()
    {
        var origin = _server.Root.GetLeftPart(UriPartial.Authority);

        var xml = Gunzip(await BytesAsync(_server, HostilePaths.SitemapXmlGzip));
        var text = Encoding.UTF8.GetString(await BytesAsync(_server, HostilePaths.SitemapText));

        var listed = Loc().Matches(xml).Select(m => m.Groups[1].Value).Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal([.. Enumerable.Range(0, HostilePaths.FromSitemapCount).Select(i => origin + HostilePaths.FromSitemap(i)), origin + "/"], listed);
    }

    [Fact]
    public async Task Get_FromSitemapPages_AreServedOnlyInRange()
    {
        using var last = await _client.GetAsync(_server.UrlOf(HostilePaths.FromSitemap(HostilePaths.FromSitemapCount - 1)), _guard.Token);
        using var beyond = await _client.GetAsync(_server.UrlOf(HostilePaths.FromSitemap(HostilePaths.FromSitemapCount)), _guard.Token);

        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [GeneratedRegex("<loc>([^<]*)</loc>")]
    private static partial Regex Loc();
}

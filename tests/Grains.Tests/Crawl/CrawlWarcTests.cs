using System.Text;
using Crawler.Grains.Interfaces;
using Crawler.Testing.Warc;
using Crawler.Grains.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Grains.Tests.Crawl;

/// <summary>A job with a WARC path archives every fetch: read back by the tests' own reader, byte for byte.</summary>
public sealed class CrawlWarcTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crawl-warc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Crawl_WithWarc_ArchivesEveryFetchWithThePayloadTheSiteServed()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 120, Hosts = 2 }, CancellationToken.None);
        var warc = Path.Combine(_directory, "crawl.warc.gz");
        IReadOnlyList<CrawlResult> results;
        await using (var cluster = await CrawlTestCluster.StartAsync(silos: 1))
        {
            (_, results) = await cluster.CrawlAsync("warc", new CrawlJobSpec
            {
                Seeds = [site.Root.ToString()],
                Scope = CrawlScope.Domain,
                MinDelay = TimeSpan.Zero,
                Warc = warc,
            });
        }

        var files = Directory.GetFiles(_directory, "crawl-*.warc.gz");
        var records = files.Order(StringComparer.Ordinal).SelectMany(WarcTestReader.Read).ToList();
        var responses = records.Where(r => r.Type == "response").ToList();
        var requests = records.Where(r => r.Type == "request").ToDictionary(r => r.Headers["WARC-Record-ID"]);
        var fetched = results.Where(r => r.Status is not null).Select(r => r.Url).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(fetched);
        Assert.Equal(fetched, responses.Select(r => r.Headers["WARC-Target-URI"]).Order(StringComparer.Ordinal));
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        foreach (var response in responses)
        {
            var url = response.Headers["WARC-Target-URI"];
            var request = requests[response.Headers["WARC-Concurrent-To"]];
            Assert.Equal(response.Headers["WARC-Record-ID"], request.Headers["WARC-Concurrent-To"]);
            Assert.StartsWith($"GET {new Uri(url).PathAndQuery} HTTP/1.1\r\n", Encoding.ASCII.GetString(request.Block), StringComparison.Ordinal);
            var split = response.Block.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
            var payload = response.Block[split..];
            Assert.Equal(WarcTestReader.Base32Sha1(payload), response.Headers["WARC-Payload-Digest"]);
            using var direct = await client.GetAsync(url);
            Assert.StartsWith($"HTTP/1.1 {(int)direct.StatusCode} ", Encoding.ASCII.GetString(response.Block), StringComparison.Ordinal);
            Assert.Equal(await direct.Content.ReadAsByteArrayAsync(), payload);
        }
    }

    [Fact]
    public async Task Crawl_WithoutWarc_WritesNoArchive()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 20 }, CancellationToken.None);
        await using var cluster = await CrawlTestCluster.StartAsync(silos: 1);

        await cluster.CrawlAsync("no-warc", new CrawlJobSpec { Seeds = [site.Root.ToString()], MinDelay = TimeSpan.Zero });

        Assert.Empty(Directory.GetFiles(_directory));
    }
}

using System.Text;
using Crawler.Cluster.Tests.Infrastructure;
using Crawler.SyntheticSite;
using Crawler.Testing.Postgres;
using Crawler.Testing.Warc;
using Xunit.Abstractions;

namespace Crawler.Cluster.Tests;

public sealed class ClusterWarcTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cluster-warc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [PostgresFact]
    public async Task Crawl_WithWarcOnTwoSilos_EachSiloArchivesWhatItFetchedAndTogetherEveryPageOnce()
    {
        // Twelve hosts: each host's URLs live on one silo, so with few hosts one silo could hold them all.
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 300, Hosts = 12 }, CancellationToken.None);
        await using var cluster = SiloCluster.OnTestServer(new ClusterSettings(), output);
        string[] ids = ["silo-a", "silo-b"];
        await cluster.StartBalancedAsync(ids);
        const string JobId = "archived";
        var warc = Path.Combine(_directory, "crawl.warc.gz");
        await cluster.Jobs.StartAsync(JobId, Crawls.SpecFor(site) with { Warc = warc }, CancellationToken.None);
        var (status, results) = await Crawls.WaitForCompletionAsync(cluster, JobId);

        // A silo closes its archives as it stops.
        foreach (var silo in cluster.Silos)
        {
            silo.Terminate();
            Assert.Equal(0, await silo.WaitForExitAsync());
        }

        Crawls.AssertExactlyReachable(site, status, results);
        var files = Directory.GetFiles(_directory).Order(StringComparer.Ordinal).ToList();
        Assert.All(ids, id => Assert.Contains(files, f => Path.GetFileName(f).StartsWith($"crawl-{id}-", StringComparison.Ordinal)));
        var records = files.SelectMany(WarcTestReader.Read).ToList();
        var responses = records.Where(r => r.Type == "response").ToList();
        var fetched = results.Where(r => r.Status is not null).Select(r => r.Url).Order(StringComparer.Ordinal);
        Assert.Equal(fetched, responses.Select(r => r.Headers["WARC-Target-URI"]).Order(StringComparer.Ordinal));
        Assert.Equal(responses.Count, records.Count(r => r.Type == "request"));
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        foreach (var response in responses)
        {
            var payload = response.Block[(response.Block.AsSpan().IndexOf("\r\n\r\n"u8) + 4)..];
            Assert.Equal(WarcTestReader.Base32Sha1(payload), response.Headers["WARC-Payload-Digest"]);
            using var direct = await client.GetAsync(new Uri(response.Headers["WARC-Target-URI"]));
            Assert.StartsWith($"HTTP/1.1 {(int)direct.StatusCode} ", Encoding.ASCII.GetString(response.Block), StringComparison.Ordinal);
            Assert.Equal(await direct.Content.ReadAsByteArrayAsync(), payload);
        }
    }
}

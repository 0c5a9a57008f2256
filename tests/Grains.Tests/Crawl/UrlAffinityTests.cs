using Crawler.Grains.Crawl;
using Crawler.Grains.Interfaces;
using Crawler.Runtime;
using Crawler.Runtime.Placement;

namespace Crawler.Grains.Tests.Crawl;

public sealed class UrlAffinityTests
{
    private static readonly GrainTypeRegistry Registry = new GrainTypeRegistry().AddAssembly(typeof(UrlGrain).Assembly);

    [Theory]
    [InlineData("http://127.0.0.1:8080/p/1")]
    [InlineData("http://127.0.0.1:8081/")]
    [InlineData("https://example.com/a/b?c=d")]
    [InlineData("http://user@example.org:81/x")]
    public void PartitionOf_UrlGrain_IsItsHostGrainsPartition(string url)
    {
        var resolver = new PartitionResolver(Registry, 64);
        var urlType = Registry.ForInterface(typeof(IUrlGrain)).Name;
        var hostType = Registry.ForInterface(typeof(IHostGrain)).Name;

        var urlPartition = resolver.PartitionOf(new GrainId(urlType, UrlKey.Create("job-1", url)));
        var hostPartition = resolver.PartitionOf(new GrainId(hostType, HostKey.Of(url)));

        Assert.Equal(hostPartition, urlPartition);
    }

    [Fact]
    public void PartitionOf_ManyHosts_SpreadsOverPartitions()
    {
        var resolver = new PartitionResolver(Registry, 16);
        var urlType = Registry.ForInterface(typeof(IUrlGrain)).Name;

        var partitions = Enumerable.Range(0, 200)
            .Select(i => resolver.PartitionOf(new GrainId(urlType, UrlKey.Create("job", $"http://host{i}.test/page"))))
            .ToHashSet();

        Assert.True(partitions.Count >= 12, $"200 hosts landed on only {partitions.Count} of 16 partitions");
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/p/1", "http://127.0.0.1:8080")]
    [InlineData("https://example.com", "https://example.com")]
    [InlineData("https://example.com?q=1", "https://example.com")]
    [InlineData("http://user:pw@example.org:81/x", "http://example.org:81")]
    public void HostKeyOf_NormalizedUrl_IsSchemeHostAndPort(string url, string expected)
    {
        Assert.Equal(expected, HostKey.Of(url));
    }

    [Fact]
    public void UrlKeyParse_KeyWithPipeInUrl_SplitsAtFirstPipe()
    {
        var (job, url) = UrlKey.Parse(UrlKey.Create("job-1", "http://a.test/x%7C|y"));

        Assert.Equal("job-1", job);
        Assert.Equal("http://a.test/x%7C|y", url);
    }
}

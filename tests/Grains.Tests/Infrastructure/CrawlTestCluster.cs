using Crawler.Grains.Crawl;
using Crawler.Grains.Fetching;
using Crawler.Grains.Hosting;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Testing;

namespace Crawler.Grains.Tests.Infrastructure;

/// <summary>A TestCluster running the crawler's grains, with a job client on it.</summary>
internal sealed class CrawlTestCluster : IAsyncDisposable
{
    public static readonly TimeSpan CrawlTimeout = TimeSpan.FromSeconds(90);

    private CrawlTestCluster(TestCluster cluster)
    {
        Cluster = cluster;
        Jobs = new CrawlJobClient(cluster.GrainFactory, cluster.Substrate);
    }

    public TestCluster Cluster { get; }

    public CrawlJobClient Jobs { get; }

    public static async Task<CrawlTestCluster> StartAsync(int silos, Action<SiloOptions>? configureSilo = null, Action<CrawlerOptions>? configureCrawler = null)
    {
        var options = new TestClusterOptions
        {
            InitialSilos = silos,
            PartitionCount = 16,
            ConfigureServices = services => services.AddCrawlerGrains(configureCrawler),
            ConfigureSilo = configureSilo,
        };
        options.GrainAssemblies.Add(typeof(UrlGrain).Assembly);
        return new CrawlTestCluster(await TestCluster.StartAsync(options, CancellationToken.None));
    }

    public async Task<(JobStatus Status, IReadOnlyList<CrawlResult> Results)> CrawlAsync(string jobId, CrawlJobSpec spec)
    {
        using var timeout = new CancellationTokenSource(CrawlTimeout);
        await Jobs.StartAsync(jobId, spec, timeout.Token);
        var status = await Jobs.WaitForCompletionAsync(jobId, TimeSpan.FromMilliseconds(50), null, timeout.Token);
        return (status, await Jobs.ReadResultsAsync(jobId, 0, int.MaxValue, timeout.Token));
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}

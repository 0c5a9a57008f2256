using Crawler.Grains.Tests.Infrastructure;
using Crawler.SyntheticSite;

namespace Crawler.Grains.Tests.Crawl;

/// <summary>
/// One silo for the whole hostile suite, with small limits so every case ends in seconds, and a friendly site whose
/// crawl after each case shows the silo still works. Each case brings its own hostile server (its own port, so its
/// own host grain, politeness and circuit).
/// </summary>
public sealed class HostileJobFixture : IAsyncLifetime
{
    /// <summary>Room for the 100,000-links page (about 4 MiB), far below a bomb's or an endless body's gigabyte.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;
    public const int MaxAttempts = 2;
    public static readonly TimeSpan HeaderTimeout = TimeSpan.FromSeconds(2);

    private CrawlTestCluster? _cluster;
    private SyntheticWebSite? _friendly;

    internal CrawlTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture is not started.");

    /// <summary>A small well-behaved site: a crawl of it after a hostile case must complete with every page.</summary>
    public SyntheticWebSite Friendly => _friendly ?? throw new InvalidOperationException("The fixture is not started.");

    public async Task InitializeAsync()
    {
        _friendly = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 12 }, CancellationToken.None);
        _cluster = await CrawlTestCluster.StartAsync(silos: 1, configureCrawler: options =>
        {
            options.HeaderTimeout = HeaderTimeout;
            options.RequestTimeout = TimeSpan.FromSeconds(10);
            options.ConnectTimeout = TimeSpan.FromSeconds(5);
            options.MaxBodyBytes = MaxBodyBytes;
            options.MaxAttempts = MaxAttempts;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
            options.MaxHostPause = TimeSpan.FromMilliseconds(300);

            // The cases fail on purpose; a circuit opening mid-case would only replace one clear error with another.
            options.CircuitBreakerMinimumThroughput = 1000;
        });
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_friendly is not null)
        {
            await _friendly.DisposeAsync();
        }
    }
}

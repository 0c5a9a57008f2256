namespace Crawler.Grains.Interfaces;

/// <summary>What to crawl and within which limits. Immutable once the job starts.</summary>
public sealed record CrawlJobSpec
{
    public const int DefaultPerHostConcurrency = 2;
    public static readonly TimeSpan DefaultMinDelay = TimeSpan.FromMilliseconds(250);
    public const int DefaultMaxLinksPerPage = 5_000;
    public const long DefaultMaxUrlsPerHost = 100_000;
    public const int DefaultMaxPathSegments = 32;
    public const int DefaultMaxSegmentRepeats = 3;

    /// <summary>Start URLs (absolute http/https). At least one.</summary>
    public required IReadOnlyList<string> Seeds { get; init; }

    /// <summary>Which discovered links are followed. Default: the seeds' own hosts.</summary>
    public CrawlScope Scope { get; init; } = CrawlScope.Host;

    /// <summary>Regexes a URL must match one of to be followed (none: all). Default: none.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Regexes a URL must match none of to be followed. Default: none.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Links further than this many hops from a seed are not followed; null is unlimited. Default null.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>At most this many pages are fetched; null is unlimited. Default null.</summary>
    public long? MaxPages { get; init; }

    /// <summary>Fetches at once to one host (scheme://host:port), shared by every job on it. Default 2.</summary>
    public int PerHostConcurrency { get; init; } = DefaultPerHostConcurrency;

    /// <summary>Least time between two request starts on one host. Default 250 ms.</summary>
    public TimeSpan MinDelay { get; init; } = DefaultMinDelay;

    /// <summary>Slow down as a host's latency and errors rise (delay follows its response time). Default true.</summary>
    public bool Adaptive { get; init; } = true;

    /// <summary>Obey robots.txt (RFC 9309) and its Crawl-delay. Turn off only for sites you own. Default true.</summary>
    public bool RespectRobots { get; init; } = true;

    /// <summary>Query parameters sorted when URLs are normalized, as Scrapy and Crawlee do. Default true.</summary>
    public bool SortQueryParameters { get; init; } = true;

    /// <summary>Links taken from one page at most. Default 5,000.</summary>
    public int MaxLinksPerPage { get; init; } = DefaultMaxLinksPerPage;

    /// <summary>
    /// Obey <c>rel=nofollow</c> on links and <c>&lt;meta name=robots content=nofollow&gt;</c> on pages: such links are
    /// not followed. Default true.
    /// </summary>
    public bool RespectNoFollow { get; init; } = true;

    /// <summary>
    /// Let fetches reach loopback, private, link-local and cloud-metadata addresses. Without it a job reaches public
    /// addresses, plus the kind its own seeds are on (a loopback seed allows loopback, a LAN seed the private ranges),
    /// never link-local nor cloud metadata. Default false.
    /// </summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>Spider-trap guard: URLs of one host (scheme://host:port) this job takes at most; the rest are recorded, not fetched. Default 100,000.</summary>
    public long MaxUrlsPerHost { get; init; } = DefaultMaxUrlsPerHost;

    /// <summary>Spider-trap guard: a URL whose path has more segments than this is recorded, not fetched. Default 32.</summary>
    public int MaxPathSegments { get; init; } = DefaultMaxPathSegments;

    /// <summary>Spider-trap guard: a URL whose path holds one segment more often than this is recorded, not fetched. Default 3.</summary>
    public int MaxSegmentRepeats { get; init; } = DefaultMaxSegmentRepeats;

    /// <summary>
    /// Also seed the job with the URLs of each seed host's sitemaps: the <c>Sitemap:</c> lines of its robots.txt, or
    /// <c>/sitemap.xml</c> when there are none (sitemap indexes and gzip followed). Default false.
    /// </summary>
    public bool UseSitemaps { get; init; }

    /// <summary>
    /// Archive every page fetched as WARC/1.1 (request and response records) into gzip files named after this path
    /// (crawl.warc.gz gives crawl-00000.warc.gz, ...; a silo of a cluster adds its id). The path is on each silo's own
    /// file system. Default null: no archive.
    /// </summary>
    public string? Warc { get; init; }
}

namespace Crawler.Grains.Interfaces;

/// <summary>What to crawl and within which limits. Immutable once the job starts.</summary>
public sealed record CrawlJobSpec
{
    public const int DefaultPerHostConcurrency = 2;
    public static readonly TimeSpan DefaultMinDelay = TimeSpan.FromMilliseconds(250);
    public const int DefaultMaxLinksPerPage = 5_000;

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
}

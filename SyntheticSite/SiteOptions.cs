namespace Crawler.SyntheticSite;

/// <summary>
/// Shape of a synthetic web site. Equal options always produce the same graph and the same pages.
/// </summary>
public sealed record SiteOptions
{
    /// <summary>Default number of pages.</summary>
    public const int DefaultPages = 1000;

    /// <summary>Default number of hosts (distinct loopback ports).</summary>
    public const int DefaultHosts = 1;

    /// <summary>Default minimum number of extra links per page.</summary>
    public const int DefaultMinLinks = 5;

    /// <summary>Default maximum number of extra links per page.</summary>
    public const int DefaultMaxLinks = 15;

    /// <summary>Default share of extra links that point to a 404 URL.</summary>
    public const double DefaultNotFoundRatio = 0.02;

    /// <summary>Default share of extra links that point to a redirecting URL.</summary>
    public const double DefaultRedirectRatio = 0.02;

    /// <summary>Default share of extra links that point to the external host.</summary>
    public const double DefaultExternalRatio = 0.02;

    /// <summary>Default delay before each response, in milliseconds.</summary>
    public const int DefaultLatencyMilliseconds = 0;

    /// <summary>Default approximate size of a page's HTML, in bytes.</summary>
    public const int DefaultPageBytes = 2048;

    /// <summary>Default seed of the pseudo-random generator.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Upper bound on hosts, because each host holds a listening socket.</summary>
    public const int MaxHosts = 1024;

    /// <summary>Number of pages, with ids 0..Pages-1.</summary>
    public int Pages { get; init; } = DefaultPages;

    /// <summary>Number of hosts; page i lives on host i % Hosts.</summary>
    public int Hosts { get; init; } = DefaultHosts;

    /// <summary>Minimum number of extra links per page, beyond the tree links.</summary>
    public int MinLinks { get; init; } = DefaultMinLinks;

    /// <summary>Maximum number of extra links per page, beyond the tree links.</summary>
    public int MaxLinks { get; init; } = DefaultMaxLinks;

    /// <summary>Share of extra links that point to a URL answering 404.</summary>
    public double NotFoundRatio { get; init; } = DefaultNotFoundRatio;

    /// <summary>Share of extra links that point to a URL answering 301.</summary>
    public double RedirectRatio { get; init; } = DefaultRedirectRatio;

    /// <summary>Share of extra links that point to the external host.</summary>
    public double ExternalRatio { get; init; } = DefaultExternalRatio;

    /// <summary>Real-time delay before each response.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(DefaultLatencyMilliseconds);

    /// <summary>Approximate size of a page's HTML; filler text pads pages up to it.</summary>
    public int PageBytes { get; init; } = DefaultPageBytes;

    /// <summary>Seed of the pseudo-random generator that shapes the graph and the pages.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// Pages outside the link graph that only host 0's <c>/sitemap.xml</c> lists (at <c>/sitemap-only/{i}</c>), for
    /// crawls seeded from sitemaps. Zero, the default, serves no sitemap at all.
    /// </summary>
    public int SitemapOnlyPages { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Pages, 1, nameof(Pages));
        ArgumentOutOfRangeException.ThrowIfLessThan(Hosts, 1, nameof(Hosts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Hosts, MaxHosts, nameof(Hosts));
        ArgumentOutOfRangeException.ThrowIfNegative(MinLinks, nameof(MinLinks));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLinks, MinLinks, nameof(MaxLinks));
        CheckRatio(NotFoundRatio, nameof(NotFoundRatio));
        CheckRatio(RedirectRatio, nameof(RedirectRatio));
        CheckRatio(ExternalRatio, nameof(ExternalRatio));
        if (NotFoundRatio + RedirectRatio + ExternalRatio > 1.0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(NotFoundRatio),
                "NotFoundRatio + RedirectRatio + ExternalRatio must not exceed 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Latency, TimeSpan.Zero, nameof(Latency));
        ArgumentOutOfRangeException.ThrowIfNegative(PageBytes, nameof(PageBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(SitemapOnlyPages, nameof(SitemapOnlyPages));
    }

    private static void CheckRatio(double value, string name)
    {
        // NaN fails both comparisons, so it is rejected too.
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new ArgumentOutOfRangeException(name, value, "A ratio must lie in [0, 1].");
        }
    }
}

using Crawler.Grains.Interfaces;

namespace Crawler.Client.Cli;

/// <summary>What a command assumes for options the user left out.</summary>
internal sealed record CrawlDefaults(CrawlScope Scope, string? OutputPath, int PerHostConcurrency, TimeSpan MinDelay, bool AllowPrivateNetworks = false)
{
    /// <summary>`crawl`: polite defaults for sites we do not own.</summary>
    public static CrawlDefaults Crawl { get; } = new(CrawlScope.Host, null, CrawlJobSpec.DefaultPerHostConcurrency, CrawlJobSpec.DefaultMinDelay);

    /// <summary>`demo`: the site is served by this very process on loopback, so politeness is relaxed and its addresses allowed.</summary>
    public static CrawlDefaults Demo { get; } = new(CrawlScope.Domain, "demo-results.jsonl", 8, TimeSpan.Zero, AllowPrivateNetworks: true);
}

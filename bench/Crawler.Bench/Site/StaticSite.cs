namespace Crawler.Bench.Site;

/// <summary>What <see cref="StaticSiteGenerator"/> wrote: the counts a crawl of it must reproduce.</summary>
public sealed record StaticSite(string Root, int Pages, int MissingTargets, long Bytes)
{
    /// <summary>URLs a host-scoped crawl from page 0 reaches: every page (a chain links them all) and every missing target.</summary>
    public int ReachableUrls => Pages + MissingTargets;

    public const string SeedPath = "/p/0.html";
}

namespace Crawler.Grains.Hosts;

/// <summary>What a host's sitemaps gave one job: the in-scope page URLs to seed, each with the sitemap it came from, and what went wrong on the way.</summary>
internal sealed record SitemapHarvest(IReadOnlyList<(string Url, string Sitemap)> Pages, IReadOnlyList<string> Problems);

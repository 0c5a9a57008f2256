namespace Crawler.Grains.Sitemaps;

/// <summary>
/// What one sitemap file lists: pages (a <c>urlset</c> or a text sitemap) or further sitemaps (a
/// <c>sitemapindex</c>). Only absolute http(s) URLs, trimmed, in document order.
/// </summary>
public sealed record SitemapContent(IReadOnlyList<string> PageUrls, IReadOnlyList<string> SitemapUrls);

namespace Crawler.Grains.Interfaces;

/// <summary>
/// A link to a URL found on a page (or a seed, or a sitemap): how deep it is, where it was found, and how many
/// redirects led to it (a redirect keeps the depth, as in Scrapy, so the hops are counted apart).
/// </summary>
/// <param name="Depth">Hops from a seed.</param>
/// <param name="Parent">The page (or sitemap) it was found on; null for a seed.</param>
/// <param name="RedirectHops">Redirects in a row that led here.</param>
/// <param name="RedirectChain">The URLs of those redirects, oldest first, so a loop is seen when it closes; null when none.</param>
public sealed record Discovery(int Depth, string? Parent, int RedirectHops = 0, IReadOnlyList<string>? RedirectChain = null);

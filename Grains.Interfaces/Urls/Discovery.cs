namespace Crawler.Grains.Interfaces;

/// <summary>
/// A link to a URL found on a page (or a seed): how deep it is, where it was found, and how many redirects
/// led to it (a redirect keeps the depth, as in Scrapy, so the hops are counted apart).
/// </summary>
public sealed record Discovery(int Depth, string? Parent, int RedirectHops = 0);

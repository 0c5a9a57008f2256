namespace Crawler.Grains.Robots;

/// <summary>The robots.txt lines the parser understands; anything else is ignored.</summary>
internal enum RobotsField
{
    Unknown,
    UserAgent,
    Allow,
    Disallow,
    Sitemap,
    CrawlDelay,
}

namespace Crawler.Grains.Interfaces;

/// <summary>Which discovered URLs a crawl job may follow, relative to its seeds.</summary>
public enum CrawlScope
{
    /// <summary>Same host name and effective port as a seed, and so the same scheme: http://a/ and https://a/ differ.</summary>
    Host,

    /// <summary>A seed's domain (leading <c>www.</c> removed) or any of its subdomains, on any port.</summary>
    Domain,

    /// <summary>Every http or https URL.</summary>
    Any,
}

namespace Crawler.Grains.Crawl;

/// <summary>All a URL keeps: whether it was seen. Small on purpose: the frontier is made of these.</summary>
public sealed class UrlGrainState
{
    public UrlStatus Status { get; set; }
}

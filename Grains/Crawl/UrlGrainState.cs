namespace Crawler.Grains.Crawl;

/// <summary>All a URL keeps: whether it was seen, and at which depth. Small on purpose: the frontier is made of these.</summary>
public sealed class UrlGrainState
{
    public UrlStatus Status { get; set; }

    /// <summary>The shortest depth it was discovered at so far (meaningful once done).</summary>
    public int Depth { get; set; }
}

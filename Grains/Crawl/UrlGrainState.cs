namespace Crawler.Grains.Crawl;

/// <summary>All a URL keeps: whether it was seen, at which depth, and whether its host counted it. Small on purpose: the frontier is made of these.</summary>
public sealed class UrlGrainState
{
    public UrlStatus Status { get; set; }

    /// <summary>The shortest depth it was discovered at so far (meaningful once done).</summary>
    public int Depth { get; set; }

    /// <summary>Counted against its job's URLs per host; set before the URL first waits for a slot.</summary>
    public bool Admitted { get; set; }
}

namespace Crawler.SyntheticSite;

/// <summary>Which hosts of the site a reachability question covers.</summary>
public enum SiteScope
{
    /// <summary>Only host 0, the host of the root page; edges to other hosts are not followed.</summary>
    RootHost,

    /// <summary>Every host of the site (never the external host).</summary>
    AllHosts,
}

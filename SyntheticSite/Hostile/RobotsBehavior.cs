namespace Crawler.SyntheticSite.Hostile;

/// <summary>How a <see cref="HostileServer"/> answers <c>/robots.txt</c>.</summary>
public enum RobotsBehavior
{
    /// <summary>200 with a robots.txt that allows everything.</summary>
    Normal,

    /// <summary>500, which a polite crawler reads as "disallow everything for now".</summary>
    Status500,

    /// <summary>200 with a robots.txt that disallows <c>/private/</c> to every agent.</summary>
    DisallowPrivate,

    /// <summary>The connection is closed without an answer.</summary>
    Unreachable,

    /// <summary>200 with a robots.txt that allows everything and lists <see cref="HostilePaths.SitemapIndex"/> in a <c>Sitemap:</c> line.</summary>
    WithSitemaps,
}

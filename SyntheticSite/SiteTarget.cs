namespace Crawler.SyntheticSite;

/// <summary>
/// A node of the site graph, spoken of without ports.
/// For <see cref="LinkKind.Page"/> and <see cref="LinkKind.Redirect"/>, <see cref="Page"/> is the target page and
/// <see cref="Index"/> is 0; for <see cref="LinkKind.NotFound"/> and <see cref="LinkKind.External"/>,
/// <see cref="Page"/> is the linking page and <see cref="Index"/> the position j among its extra links,
/// which makes every such URL unique to one link.
/// </summary>
public readonly record struct SiteTarget(LinkKind Kind, int Page, int Index)
{
    /// <summary>Page <paramref name="page"/>.</summary>
    public static SiteTarget ForPage(int page) => new(LinkKind.Page, page, 0);

    /// <summary>The redirect to page <paramref name="page"/>.</summary>
    public static SiteTarget ForRedirect(int page) => new(LinkKind.Redirect, page, 0);

    /// <summary>The missing URL linked from page <paramref name="page"/> as extra link <paramref name="index"/>.</summary>
    public static SiteTarget ForNotFound(int page, int index) => new(LinkKind.NotFound, page, index);

    /// <summary>The external URL linked from page <paramref name="page"/> as extra link <paramref name="index"/>.</summary>
    public static SiteTarget ForExternal(int page, int index) => new(LinkKind.External, page, index);
}

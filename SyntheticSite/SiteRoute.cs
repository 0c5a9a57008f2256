namespace Crawler.SyntheticSite;

/// <summary>How the site answers a path on one of its hosts.</summary>
/// <param name="Kind">What the path is; <see cref="LinkKind.NotFound"/> for anything unknown.</param>
/// <param name="Page">The page served or redirected to; 0 otherwise.</param>
internal readonly record struct SiteRoute(LinkKind Kind, int Page)
{
    public static SiteRoute NotFound => new(LinkKind.NotFound, 0);

    public int Status => Kind switch
    {
        LinkKind.Redirect => 301,
        LinkKind.NotFound => 404,
        _ => 200,
    };
}

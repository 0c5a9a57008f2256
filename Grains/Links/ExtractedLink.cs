namespace Crawler.Grains.Links;

/// <summary>A link found on a page.</summary>
/// <param name="Url">Absolute (resolved against the page's base URL) but not normalized; any fragment is kept.</param>
/// <param name="NoFollow">The element's rel attribute holds <c>nofollow</c>.</param>
public sealed record ExtractedLink(string Url, bool NoFollow);

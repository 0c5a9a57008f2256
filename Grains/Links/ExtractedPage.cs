namespace Crawler.Grains.Links;

/// <summary>What <see cref="LinkExtractor"/> found on one HTML page.</summary>
/// <param name="Title">The first title element's text, whitespace collapsed; null when absent or empty.</param>
/// <param name="Links">Distinct links in document order, at most the extractor's cap.</param>
/// <param name="Canonical">The first <c>link rel=canonical</c> href, resolved; null when absent or unusable.</param>
/// <param name="MetaNoFollow"><c>meta name=robots</c> says nofollow (or none).</param>
/// <param name="MetaNoIndex"><c>meta name=robots</c> says noindex (or none).</param>
/// <param name="LinksSeen">Every a/area element with an href, including skipped and duplicate ones.</param>
/// <param name="Truncated">More distinct links were found than the cap allowed.</param>
public sealed record ExtractedPage(
    string? Title,
    IReadOnlyList<ExtractedLink> Links,
    string? Canonical,
    bool MetaNoFollow,
    bool MetaNoIndex,
    int LinksSeen,
    bool Truncated);

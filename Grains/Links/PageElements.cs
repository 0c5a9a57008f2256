namespace Crawler.Grains.Links;

/// <summary>
/// The raw attribute values link extraction needs, as a page's elements are met in document order: which of them
/// count (the first base with an href, the first canonical link, the first title, every a/area with an href) is
/// decided here, so the scanner and the reference parser in the tests apply the same rules.
/// </summary>
internal sealed class PageElements
{
    private bool _titleSeen;

    /// <param name="expectedLinks">Room for this many links, so a page's list is not copied as it grows.</param>
    public PageElements(int expectedLinks = 0) => Links = new List<RawLink>(expectedLinks);

    public string? Title { get; private set; }

    public string? BaseHref { get; private set; }

    public string? CanonicalHref { get; private set; }

    public bool MetaNoFollow { get; private set; }

    public bool MetaNoIndex { get; private set; }

    public List<RawLink> Links { get; }

    /// <summary>An a or area element.</summary>
    public void OnAnchor(string? href, string? rel)
    {
        if (href is not null)
        {
            OnAnchor(href.AsMemory(), rel);
        }
    }

    /// <summary>An a or area element with an href, its references decoded.</summary>
    public void OnAnchor(ReadOnlyMemory<char> href, string? rel) =>
        Links.Add(new RawLink(href, AttributeTokens.Contains(rel, "nofollow", AttributeTokens.Whitespace)));

    public void OnBase(string? href) => BaseHref ??= href;

    /// <summary>A link element: the first with rel=canonical gives the canonical URL.</summary>
    public void OnLink(string? rel, string? href)
    {
        if (CanonicalHref is null && AttributeTokens.Contains(rel, "canonical", AttributeTokens.Whitespace))
        {
            CanonicalHref = href;
        }
    }

    /// <summary>A meta element: name=robots with nofollow, noindex or none.</summary>
    public void OnMeta(string? name, string? content)
    {
        if (!string.Equals(name?.Trim(), "robots", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var none = AttributeTokens.Contains(content, "none", AttributeTokens.CommaOrWhitespace);
        MetaNoFollow |= none || AttributeTokens.Contains(content, "nofollow", AttributeTokens.CommaOrWhitespace);
        MetaNoIndex |= none || AttributeTokens.Contains(content, "noindex", AttributeTokens.CommaOrWhitespace);
    }

    /// <summary>A title element's text content (references decoded): the first one is the page's title.</summary>
    public void OnTitle(string text)
    {
        if (!_titleSeen)
        {
            _titleSeen = true;
            Title = AttributeTokens.CollapseWhitespace(text);
        }
    }
}

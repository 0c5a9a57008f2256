namespace Crawler.Grains.Links;

/// <summary>
/// An href as written on an a or area element, before resolution, its character references decoded. Without any it
/// stays a slice of the page, so a link costs no string of its own before it is resolved.
/// </summary>
internal readonly record struct RawLink(ReadOnlyMemory<char> HrefText, bool NoFollow)
{
    public RawLink(string href, bool noFollow)
        : this(href.AsMemory(), noFollow)
    {
    }

    public string Href => HrefText.ToString();
}

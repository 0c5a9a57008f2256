namespace Crawler.Grains.Links;

/// <summary>
/// Where, in the page's text, a start tag's attributes that link extraction reads are (href, rel, name, content):
/// the first of each, as the HTML standard keeps the first of duplicate attributes. Values stay undecoded until read.
/// </summary>
internal struct TagAttributes
{
    private Range _href;
    private Range _rel;
    private Range _name;
    private Range _content;
    private byte _present;

    public void Clear() => _present = 0;

    public void Record(ReadOnlySpan<char> attributeName, Range value)
    {
        switch (attributeName.Length)
        {
            case 3 when attributeName.Equals("rel", StringComparison.OrdinalIgnoreCase):
                Set(ref _rel, 1, value);
                break;
            case 4 when attributeName.Equals("href", StringComparison.OrdinalIgnoreCase):
                Set(ref _href, 2, value);
                break;
            case 4 when attributeName.Equals("name", StringComparison.OrdinalIgnoreCase):
                Set(ref _name, 4, value);
                break;
            case 7 when attributeName.Equals("content", StringComparison.OrdinalIgnoreCase):
                Set(ref _content, 8, value);
                break;
            default:
                break;
        }
    }

    public readonly string? Rel(string html) => Read(html, _rel, 1);

    public readonly string? Href(string html) => Read(html, _href, 2);

    /// <summary>The href decoded, as a slice of <paramref name="html"/> when it holds no reference; false when absent.</summary>
    public readonly bool TryGetHref(string html, out ReadOnlyMemory<char> href)
    {
        href = (_present & 2) == 0 ? default : CharacterReferences.Decode(html.AsMemory()[_href], inAttribute: true);
        return (_present & 2) != 0;
    }

    public readonly string? Name(string html) => Read(html, _name, 4);

    public readonly string? Content(string html) => Read(html, _content, 8);

    private void Set(ref Range field, byte bit, Range value)
    {
        if ((_present & bit) == 0)
        {
            field = value;
            _present |= bit;
        }
    }

    private readonly string? Read(string html, Range range, byte bit) =>
        (_present & bit) == 0 ? null : CharacterReferences.Decode(html.AsSpan()[range], inAttribute: true);
}

using Crawler.Grains.Urls;

namespace Crawler.Grains.Links;

/// <summary>
/// Where the components of a URI reference are in its text, split as <see cref="UriReference.Parse"/> splits them
/// (RFC 3986 Appendix B, with a scheme only when it is valid), without copying them out.
/// </summary>
internal readonly struct ReferenceParts
{
    private readonly int _schemeLength;
    private readonly int _authorityStart;
    private readonly int _pathStart;
    private readonly int _pathEnd;
    private readonly int _queryEnd;

    private ReferenceParts(int schemeLength, int authorityStart, int pathStart, int pathEnd, int queryEnd, bool hasQuery, bool hasFragment)
    {
        _schemeLength = schemeLength;
        _authorityStart = authorityStart;
        _pathStart = pathStart;
        _pathEnd = pathEnd;
        _queryEnd = queryEnd;
        HasQuery = hasQuery;
        HasFragment = hasFragment;
    }

    public bool HasAuthority => _authorityStart >= 0;

    public bool HasQuery { get; }

    public bool HasFragment { get; }

    public static ReferenceParts Parse(ReadOnlySpan<char> text)
    {
        var schemeLength = UrlText.SchemeOf(text).Length;
        var position = schemeLength == 0 ? 0 : schemeLength + 1;
        var end = text.Length;
        var hash = text[position..].IndexOf('#');
        var hasFragment = hash >= 0;
        if (hasFragment)
        {
            end = position + hash;
        }

        var queryEnd = end;
        var question = text[position..end].IndexOf('?');
        var hasQuery = question >= 0;
        if (hasQuery)
        {
            end = position + question;
        }

        var authorityStart = -1;
        if (end - position >= 2 && text[position] == '/' && text[position + 1] == '/')
        {
            authorityStart = position + 2;
            var slash = text[authorityStart..end].IndexOf('/');
            position = slash >= 0 ? authorityStart + slash : end;
        }

        return new ReferenceParts(schemeLength, authorityStart, position, end, queryEnd, hasQuery, hasFragment);
    }

    public ReadOnlySpan<char> Scheme(ReadOnlySpan<char> text) => text[.._schemeLength];

    public ReadOnlySpan<char> Authority(ReadOnlySpan<char> text) => HasAuthority ? text[_authorityStart.._pathStart] : [];

    public ReadOnlySpan<char> Path(ReadOnlySpan<char> text) => text[_pathStart.._pathEnd];

    public ReadOnlySpan<char> Query(ReadOnlySpan<char> text) => HasQuery ? text[(_pathEnd + 1).._queryEnd] : [];

    public ReadOnlySpan<char> Fragment(ReadOnlySpan<char> text) => HasFragment ? text[(_queryEnd + 1)..] : [];
}

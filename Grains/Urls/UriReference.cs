namespace Crawler.Grains.Urls;

/// <summary>
/// The five components of an RFC 3986 URI reference. A null component is undefined, which is not the
/// same as empty: <c>http://a/b?</c> has an empty query, <c>http://a/b</c> has none (§5.3).
/// </summary>
internal readonly record struct UriReference(string? Scheme, string? Authority, string Path, string? Query, string? Fragment)
{
    public bool IsAbsolute => Scheme is not null;

    /// <summary>
    /// Splits a reference the way RFC 3986 Appendix B does, except that a scheme must be syntactically
    /// valid (§3.1); otherwise the text is a relative path, which is also how browsers read <c>1a:b</c>.
    /// </summary>
    public static UriReference Parse(string text)
    {
        string? scheme = null;
        var position = 0;
        var schemeSpan = UrlText.SchemeOf(text);
        if (!schemeSpan.IsEmpty)
        {
            scheme = schemeSpan.ToString();
            position = schemeSpan.Length + 1;
        }

        string? fragment = null;
        var end = text.Length;
        var hash = text.IndexOf('#', position);
        if (hash >= 0)
        {
            fragment = text[(hash + 1)..];
            end = hash;
        }

        string? query = null;
        var question = text.IndexOf('?', position, end - position);
        if (question >= 0)
        {
            query = text[(question + 1)..end];
            end = question;
        }

        string? authority = null;
        if (end - position >= 2 && text[position] == '/' && text[position + 1] == '/')
        {
            var authorityStart = position + 2;
            var slash = text.IndexOf('/', authorityStart, end - authorityStart);
            var authorityEnd = slash >= 0 ? slash : end;
            authority = text[authorityStart..authorityEnd];
            position = authorityEnd;
        }

        return new UriReference(scheme, authority, text[position..end], query, fragment);
    }

    /// <summary>
    /// Resolves <paramref name="reference"/> against this absolute base (RFC 3986 §5.2.2). It takes the
    /// non-strict branch: <c>http:g</c> against an http base is relative, as browsers read it.
    /// </summary>
    public UriReference Resolve(UriReference reference)
    {
        if (!IsAbsolute)
        {
            throw new InvalidOperationException("A base URI must have a scheme.");
        }

        var referenceScheme = reference.Scheme;
        if (referenceScheme is not null && string.Equals(referenceScheme, Scheme, StringComparison.OrdinalIgnoreCase))
        {
            referenceScheme = null;
        }

        if (referenceScheme is not null)
        {
            return reference with { Path = DotSegments.Remove(reference.Path) };
        }

        if (reference.Authority is not null)
        {
            return new UriReference(Scheme, reference.Authority, DotSegments.Remove(reference.Path), reference.Query, reference.Fragment);
        }

        if (reference.Path.Length == 0)
        {
            return new UriReference(Scheme, Authority, Path, reference.Query ?? Query, reference.Fragment);
        }

        var path = reference.Path[0] == '/' ? reference.Path : Merge(reference.Path);
        return new UriReference(Scheme, Authority, DotSegments.Remove(path), reference.Query, reference.Fragment);
    }

    /// <summary>Recomposes the reference (RFC 3986 §5.3).</summary>
    public override string ToString()
    {
        var length = Path.Length
            + (Scheme is null ? 0 : Scheme.Length + 1)
            + (Authority is null ? 0 : Authority.Length + 2)
            + (Query is null ? 0 : Query.Length + 1)
            + (Fragment is null ? 0 : Fragment.Length + 1);
        var builder = new System.Text.StringBuilder(length);
        if (Scheme is not null)
        {
            builder.Append(Scheme).Append(':');
        }

        if (Authority is not null)
        {
            builder.Append("//").Append(Authority);
        }

        builder.Append(Path);
        if (Query is not null)
        {
            builder.Append('?').Append(Query);
        }

        if (Fragment is not null)
        {
            builder.Append('#').Append(Fragment);
        }

        return builder.ToString();
    }

    /// <summary>RFC 3986 §5.2.3.</summary>
    private string Merge(string relativePath)
    {
        if (Authority is not null && Path.Length == 0)
        {
            return string.Concat("/", relativePath);
        }

        var lastSlash = Path.LastIndexOf('/');
        return lastSlash < 0 ? relativePath : string.Concat(Path.AsSpan(0, lastSlash + 1), relativePath);
    }
}

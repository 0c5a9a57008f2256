using Crawler.Grains.Urls;

namespace Crawler.Grains.Links;

/// <summary>
/// Resolves hrefs against one base URL into a caller's buffer, giving what
/// <c>baseUrl.Resolve(UriReference.Parse(href)).ToString()</c> gives without a string per component, so a page's links
/// cost one string each and duplicates none.
/// </summary>
internal sealed class HrefResolver
{
    private readonly UriReference _base;
    private readonly int _baseLength;

    public HrefResolver(UriReference baseUrl)
    {
        if (!baseUrl.IsAbsolute)
        {
            throw new ArgumentException("A base URI must have a scheme.", nameof(baseUrl));
        }

        _base = baseUrl;
        _baseLength = baseUrl.Scheme!.Length + (baseUrl.Authority?.Length ?? 0) + baseUrl.Path.Length + (baseUrl.Query?.Length ?? 0);
    }

    /// <summary>
    /// The most characters <see cref="Resolve(ReadOnlySpan{char}, Span{char})"/> can write for <paramref name="href"/>:
    /// each component comes from the base or the reference, a merged path from both, and the separators ("://", '/',
    /// '?', '#') add at most 6.
    /// </summary>
    public int MaxLength(ReadOnlySpan<char> href) => _baseLength + href.Length + 6;

    /// <summary>
    /// Writes <paramref name="href"/> resolved against the base (RFC 3986 §5.2.2, the non-strict branch) to
    /// <paramref name="destination"/>, which holds at least <see cref="MaxLength"/> characters, and returns its length.
    /// </summary>
    public int Resolve(ReadOnlySpan<char> href, Span<char> destination) => Resolve(href, ReferenceParts.Parse(href), destination);

    /// <summary>As <see cref="Resolve(ReadOnlySpan{char}, Span{char})"/>, for an href the caller has split already.</summary>
    public int Resolve(ReadOnlySpan<char> href, ReferenceParts reference, Span<char> destination)
    {
        var output = new ResolvedUrlWriter(destination);
        var referenceScheme = reference.Scheme(href);
        if (!referenceScheme.IsEmpty && !referenceScheme.Equals(_base.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            output.Append(referenceScheme);
            output.Append(':');
            AppendAuthority(ref output, reference, href);
            output.AppendPathWithoutDotSegments(reference.Path(href));
            AppendQuery(ref output, reference, href);
        }
        else if (reference.HasAuthority)
        {
            output.Append(_base.Scheme);
            output.Append(':');
            AppendAuthority(ref output, reference, href);
            output.AppendPathWithoutDotSegments(reference.Path(href));
            AppendQuery(ref output, reference, href);
        }
        else
        {
            output.Append(_base.Scheme);
            output.Append(':');
            if (_base.Authority is not null)
            {
                output.Append("//");
                output.Append(_base.Authority);
            }

            var path = reference.Path(href);
            if (path.IsEmpty)
            {
                output.Append(_base.Path);
                if (reference.HasQuery)
                {
                    AppendQuery(ref output, reference, href);
                }
                else if (_base.Query is not null)
                {
                    output.Append('?');
                    output.Append(_base.Query);
                }
            }
            else
            {
                var pathStart = output.Length;
                if (path[0] != '/')
                {
                    AppendMergeBase(ref output);
                }

                output.Append(path);
                output.RemoveDotSegmentsFrom(pathStart);
                AppendQuery(ref output, reference, href);
            }
        }

        if (reference.HasFragment)
        {
            output.Append('#');
            output.Append(reference.Fragment(href));
        }

        return output.Length;
    }

    private static void AppendAuthority(ref ResolvedUrlWriter output, ReferenceParts reference, ReadOnlySpan<char> href)
    {
        if (reference.HasAuthority)
        {
            output.Append("//");
            output.Append(reference.Authority(href));
        }
    }

    private static void AppendQuery(ref ResolvedUrlWriter output, ReferenceParts reference, ReadOnlySpan<char> href)
    {
        if (reference.HasQuery)
        {
            output.Append('?');
            output.Append(reference.Query(href));
        }
    }

    /// <summary>What RFC 3986 §5.2.3 puts before a relative path: the base path up to its last '/'.</summary>
    private void AppendMergeBase(ref ResolvedUrlWriter output)
    {
        if (_base.Authority is not null && _base.Path.Length == 0)
        {
            output.Append('/');
            return;
        }

        var lastSlash = _base.Path.LastIndexOf('/');
        if (lastSlash >= 0)
        {
            output.Append(_base.Path.AsSpan(0, lastSlash + 1));
        }
    }
}

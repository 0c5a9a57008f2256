using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Crawler.Grains.Urls;

namespace Crawler.Grains.Links;

/// <summary>
/// Extracts links, title, canonical URL and robots directives from an HTML page, reading it with
/// <see cref="HtmlScanner"/> (one linear pass, the HTML standard's tokenizer rules, no tree) and resolving the
/// links against the page's base URL.
/// </summary>
/// <remarks>Thread-safe: all state is per call.</remarks>
public sealed class LinkExtractor
{
    // Far beyond any crawlable URL, and it keeps a multi-megabyte hostile href from being copied and parsed.
    private const int MaxHrefLength = 32 * 1024;

    // Holds nearly every resolved link; the buffer grows for longer ones.
    private const int InitialBufferLength = 512;

    private readonly int _maxLinksPerPage;

    public LinkExtractor(int maxLinksPerPage = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLinksPerPage);
        _maxLinksPerPage = maxLinksPerPage;
    }

    /// <summary>
    /// Parses <paramref name="html"/> and returns what it links to. Never throws for any content of
    /// <paramref name="html"/>; throws only for a null argument or a relative <paramref name="documentUrl"/>.
    /// </summary>
    public ExtractedPage Extract(string html, Uri documentUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(documentUrl);
        if (!documentUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The document URL '{documentUrl}' is not absolute.", nameof(documentUrl));
        }

        var elements = HtmlScanner.Scan(html);
        var resolver = new HrefResolver(ResolveBase(UriReference.Parse(documentUrl.AbsoluteUri), elements.BaseHref));
        var links = new List<ExtractedLink>(Math.Min(elements.Links.Count, _maxLinksPerPage));
        var seen = new HashSet<string>(links.Capacity, StringComparer.Ordinal);
        var seenResolved = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        var truncated = false;
        var buffer = ArrayPool<char>.Shared.Rent(InitialBufferLength);
        try
        {
            foreach (var raw in elements.Links)
            {
                // A duplicate is dropped before its string is made or System.Uri is asked about it again.
                if (!TryResolveLink(resolver, raw.HrefText, ref buffer, out var length)
                    || seenResolved.Contains(buffer.AsSpan(0, length))
                    || !TryCreateUrl(buffer.AsSpan(0, length), out var url))
                {
                    continue;
                }

                if (links.Count == _maxLinksPerPage)
                {
                    truncated = true;
                    break;
                }

                seen.Add(url);
                links.Add(new ExtractedLink(url, raw.NoFollow));
            }

            var canonical = elements.CanonicalHref is { } canonicalHref
                && TryResolveLink(resolver, canonicalHref.AsMemory(), ref buffer, out var canonicalLength)
                && TryCreateUrl(buffer.AsSpan(0, canonicalLength), out var resolved)
                    ? resolved
                    : null;
            return new ExtractedPage(
                elements.Title, links, canonical, elements.MetaNoFollow, elements.MetaNoIndex, elements.Links.Count, truncated);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The first base href, resolved against the document URL, if it gives an http(s) URL; otherwise
    /// the document URL, as browsers fall back when the base is unusable.
    /// </summary>
    private static UriReference ResolveBase(UriReference documentUrl, string? baseHref)
    {
        if (baseHref is null || baseHref.Length > MaxHrefLength)
        {
            return documentUrl;
        }

        var resolved = documentUrl.Resolve(UriReference.Parse(UrlText.Clean(baseHref)));
        var usable = (string.Equals(resolved.Scheme, "http", StringComparison.OrdinalIgnoreCase)
                || string.Equals(resolved.Scheme, "https", StringComparison.OrdinalIgnoreCase))
            && !string.IsNullOrEmpty(resolved.Authority)
            && Uri.TryCreate(resolved.ToString(), UriKind.Absolute, out _);
        return usable ? resolved : documentUrl;
    }

    /// <summary>
    /// Resolves an href into <paramref name="buffer"/> (growing it when needed) unless it is empty, fragment-only, or a
    /// scheme that never leads to a page.
    /// </summary>
    private static bool TryResolveLink(HrefResolver resolver, ReadOnlyMemory<char> href, ref char[] buffer, out int length)
    {
        length = 0;
        if (href.Length > MaxHrefLength)
        {
            return false;
        }

        // What UrlText.Clean gives, without a string unless a tab, CR or LF inside must go.
        var text = UrlText.Trim(href.Span);
        if (text.ContainsAny('\t', '\r', '\n'))
        {
            text = UrlText.Clean(href.ToString());
        }

        if (text.Length == 0 || text[0] == '#')
        {
            return false;
        }

        var parts = ReferenceParts.Parse(text);
        if (IsSkippedScheme(parts.Scheme(text)))
        {
            return false;
        }

        var needed = resolver.MaxLength(text);
        if (buffer.Length < needed)
        {
            ArrayPool<char>.Shared.Return(buffer);
            buffer = ArrayPool<char>.Shared.Rent(needed);
        }

        length = resolver.Resolve(text, parts, buffer);
        return true;
    }

    /// <summary>
    /// The resolved URL as a string if System.Uri accepts it (so callers can always build a Uri from a returned link);
    /// the plain http(s) URLs most links are need no Uri to tell.
    /// </summary>
    private static bool TryCreateUrl(ReadOnlySpan<char> resolved, [NotNullWhen(true)] out string? url)
    {
        url = resolved.ToString();
        if (PlainHttpUrl.Matches(resolved) || Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return true;
        }

        url = null;
        return false;
    }

    private static bool IsSkippedScheme(ReadOnlySpan<char> scheme) =>
        scheme.Equals("javascript", StringComparison.OrdinalIgnoreCase)
        || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase)
        || scheme.Equals("tel", StringComparison.OrdinalIgnoreCase)
        || scheme.Equals("data", StringComparison.OrdinalIgnoreCase);
}

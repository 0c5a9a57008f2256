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
        var baseUrl = ResolveBase(UriReference.Parse(documentUrl.AbsoluteUri), elements.BaseHref);
        var links = new List<ExtractedLink>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var truncated = false;
        foreach (var raw in elements.Links)
        {
            if (!TryResolveLink(baseUrl, raw.Href, out var url) || !seen.Add(url))
            {
                continue;
            }

            if (links.Count == _maxLinksPerPage)
            {
                truncated = true;
                break;
            }

            links.Add(new ExtractedLink(url, raw.NoFollow));
        }

        var canonical = elements.CanonicalHref is { } canonicalHref && TryResolveLink(baseUrl, canonicalHref, out var resolved)
            ? resolved
            : null;
        return new ExtractedPage(
            elements.Title, links, canonical, elements.MetaNoFollow, elements.MetaNoIndex, elements.Links.Count, truncated);
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
    /// Resolves an href unless it is empty, fragment-only, a scheme that never leads to a page, or does
    /// not make a URL System.Uri accepts (so callers can always build a Uri from a returned link).
    /// </summary>
    private static bool TryResolveLink(UriReference baseUrl, string href, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? url)
    {
        url = null;
        if (href.Length > MaxHrefLength)
        {
            return false;
        }

        var text = UrlText.Clean(href);
        if (text.Length == 0 || text[0] == '#' || IsSkippedScheme(UrlText.SchemeOf(text)))
        {
            return false;
        }

        var resolved = baseUrl.Resolve(UriReference.Parse(text)).ToString();
        if (!Uri.TryCreate(resolved, UriKind.Absolute, out _))
        {
            return false;
        }

        url = resolved;
        return true;
    }

    private static bool IsSkippedScheme(ReadOnlySpan<char> scheme) =>
        scheme.Equals("javascript", StringComparison.OrdinalIgnoreCase)
        || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase)
        || scheme.Equals("tel", StringComparison.OrdinalIgnoreCase)
        || scheme.Equals("data", StringComparison.OrdinalIgnoreCase);
}

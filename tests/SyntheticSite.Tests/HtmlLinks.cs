using System.Text.RegularExpressions;

namespace Crawler.SyntheticSite.Tests;

/// <summary>The simple link resolution a crawler would do: base href, RFC 3986 resolution, fragment dropped.</summary>
internal static partial class HtmlLinks
{
    public static IReadOnlyList<string> Hrefs(string html) =>
        [.. LinkHref().Matches(html).Select(match => match.Groups[1].Value)];

    public static string? BaseHref(string html)
    {
        var match = BaseHrefPattern().Match(html);
        return match.Success ? match.Groups[1].Value : null;
    }

    public static int AreaCount(string html) => AreaPattern().Count(html);

    public static IReadOnlySet<string> ResolvedTargets(Uri pageUri, string html)
    {
        var baseHref = BaseHref(html);
        var baseUri = baseHref is null ? pageUri : new Uri(pageUri, baseHref);
        return Hrefs(html).Select(href => Normalize(new Uri(baseUri, href))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Uri already lowercases scheme and host; GetLeftPart drops the fragment and keeps the non-default port.</summary>
    public static string Normalize(Uri uri) => uri.GetLeftPart(UriPartial.Query);

    [GeneratedRegex("<(?:a|area)\\s[^>]*?href=\"([^\"]*)\"")]
    private static partial Regex LinkHref();

    [GeneratedRegex("<base\\s+href=\"([^\"]*)\"")]
    private static partial Regex BaseHrefPattern();

    [GeneratedRegex("<area\\s")]
    private static partial Regex AreaPattern();
}

namespace Crawler.Grains.Interfaces;

/// <summary>A host's key: scheme://host[:port] of a normalized URL, without user info.</summary>
public static class HostKey
{
    public static string Of(string normalizedUrl)
    {
        ArgumentNullException.ThrowIfNull(normalizedUrl);
        var schemeEnd = normalizedUrl.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            throw new ArgumentException($"'{normalizedUrl}' is not an absolute URL.", nameof(normalizedUrl));
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = normalizedUrl.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = authorityEnd < 0 ? normalizedUrl[authorityStart..] : normalizedUrl[authorityStart..authorityEnd];
        var userInfoEnd = authority.LastIndexOf('@');
        if (userInfoEnd >= 0)
        {
            authority = authority[(userInfoEnd + 1)..];
        }

        return string.Concat(normalizedUrl.AsSpan(0, authorityStart), authority);
    }
}

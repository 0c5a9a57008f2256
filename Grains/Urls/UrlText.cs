using System.Buffers;

namespace Crawler.Grains.Urls;

/// <summary>Character classes and clean-up shared by the URL parser, the normalizer and the link extractor.</summary>
internal static class UrlText
{
    private const byte Unreserved = 1;
    private const byte SubDelim = 2;
    private const byte PathExtra = 4;   // ':' '@' '/'
    private const byte QueryExtra = 8;  // '?'
    private const byte HostChar = 16;   // what a DNS name may hold once lowercased

    private static readonly byte[] Classes = BuildClasses();
    private static readonly SearchValues<char> SchemeEnd = SearchValues.Create(":/?#");

    /// <summary>
    /// Removes what browsers remove before parsing an href: leading and trailing whitespace and
    /// control characters, and every tab, CR and LF inside (they come from wrapped attribute values).
    /// </summary>
    public static string Clean(string value)
    {
        var (start, end) = TrimBounds(value);
        var span = value.AsSpan(start, end - start);
        if (span.IndexOfAny('\t', '\r', '\n') < 0)
        {
            return span.Length == value.Length ? value : span.ToString();
        }

        var removed = 0;
        foreach (var c in span)
        {
            if (c is '\t' or '\r' or '\n')
            {
                removed++;
            }
        }

        return string.Create(span.Length - removed, (value, start, end), static (destination, state) =>
        {
            var written = 0;
            for (var i = state.start; i < state.end; i++)
            {
                var c = state.value[i];
                if (c is not ('\t' or '\r' or '\n'))
                {
                    destination[written++] = c;
                }
            }
        });
    }

    /// <summary>
    /// <paramref name="value"/> without the leading and trailing whitespace and control characters <see cref="Clean"/>
    /// removes; tabs, CRs and LFs inside are left for the caller to check.
    /// </summary>
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> value)
    {
        var (start, end) = TrimBounds(value);
        return value[start..end];
    }

    public static bool IsUnreserved(int c) => c < 128 && (Classes[c] & Unreserved) != 0;

    public static bool IsPathChar(char c) => c < 128 && (Classes[c] & (Unreserved | SubDelim | PathExtra)) != 0;

    public static bool IsQueryChar(char c) => c < 128 && (Classes[c] & (Unreserved | SubDelim | PathExtra | QueryExtra)) != 0;

    public static bool IsUserInfoChar(char c) => c == ':' || (c < 128 && (Classes[c] & (Unreserved | SubDelim)) != 0);

    public static bool IsHostChar(char c) => c < 128 && (Classes[c] & HostChar) != 0;

    public static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).</summary>
    public static bool IsValidScheme(ReadOnlySpan<char> scheme)
    {
        if (scheme.IsEmpty || !char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the scheme of an href (before any '/', '?' or '#'), or an empty span when it has none.</summary>
    public static ReadOnlySpan<char> SchemeOf(ReadOnlySpan<char> href)
    {
        var end = href.IndexOfAny(SchemeEnd);
        if (end <= 0 || href[end] != ':')
        {
            return [];
        }

        var candidate = href[..end];
        return IsValidScheme(candidate) ? candidate : [];
    }

    private static (int Start, int End) TrimBounds(ReadOnlySpan<char> value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && IsTrimmable(value[start]))
        {
            start++;
        }

        while (end > start && IsTrimmable(value[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static bool IsTrimmable(char c) => c <= ' ' || char.IsWhiteSpace(c);

    private static byte[] BuildClasses()
    {
        var classes = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            classes[c] |= Unreserved | HostChar;
            classes[char.ToUpperInvariant(c)] |= Unreserved;
        }

        for (var c = '0'; c <= '9'; c++)
        {
            classes[c] |= Unreserved | HostChar;
        }

        foreach (var c in "-._~")
        {
            classes[c] |= Unreserved;
        }

        foreach (var c in "-._")
        {
            classes[c] |= HostChar;
        }

        foreach (var c in "!$&'()*+,;=")
        {
            classes[c] |= SubDelim;
        }

        foreach (var c in ":@/")
        {
            classes[c] |= PathExtra;
        }

        classes['?'] |= QueryExtra;
        return classes;
    }
}

using System.Buffers;

namespace Crawler.Grains.Links;

/// <summary>
/// Recognises, without building a <see cref="Uri"/>, the URLs System.Uri always accepts that make up nearly all links:
/// http or https, a DNS name of ASCII letters, digits and hyphens or a dotted-decimal IPv4 address, an optional port,
/// and printable ASCII (space included) after it. Anything else (IDN, userinfo, IPv6, numeric host forms, odd characters) is left for
/// System.Uri to decide, so a false answer means "ask Uri", not "invalid".
/// </summary>
internal static class PlainHttpUrl
{
    // Well under System.Uri's limit of 65,519 characters.
    private const int MaxLength = 4096;

    private const int MaxHostLength = 253;

    private const int MaxLabelLength = 63;

    private static readonly SearchValues<char> DnsLabelCharacters =
        SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public static bool Matches(ReadOnlySpan<char> url)
    {
        if (url.Length > MaxLength)
        {
            return false;
        }

        int authorityStart;
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            authorityStart = 7;
        }
        else if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            authorityStart = 8;
        }
        else
        {
            return false;
        }

        var afterAuthority = url[authorityStart..].IndexOfAny('/', '?', '#');
        var authorityEnd = afterAuthority < 0 ? url.Length : authorityStart + afterAuthority;
        return IsHostAndPort(url[authorityStart..authorityEnd]) && IsPrintableAscii(url[authorityEnd..]);
    }

    private static bool IsHostAndPort(ReadOnlySpan<char> authority)
    {
        var colon = authority.IndexOf(':');
        if (colon >= 0 && !IsPort(authority[(colon + 1)..]))
        {
            return false;
        }

        var host = colon < 0 ? authority : authority[..colon];
        return IsDottedDecimalIPv4(host) || IsDnsName(host);
    }

    private static bool IsPort(ReadOnlySpan<char> port) =>
        port.Length is > 0 and <= 5 && !port.ContainsAnyExceptInRange('0', '9') && DecimalValue(port) <= ushort.MaxValue;

    /// <summary>Four decimal numbers of at most 255, without leading zeros.</summary>
    private static bool IsDottedDecimalIPv4(ReadOnlySpan<char> host)
    {
        for (var part = 0; part < 4; part++)
        {
            var dot = host.IndexOf('.');
            if ((dot < 0) != (part == 3))
            {
                return false;
            }

            var number = dot < 0 ? host : host[..dot];
            if (number.Length is 0 or > 3 || number.ContainsAnyExceptInRange('0', '9') || (number.Length > 1 && number[0] == '0')
                || DecimalValue(number) > byte.MaxValue)
            {
                return false;
            }

            host = dot < 0 ? [] : host[(dot + 1)..];
        }

        return true;
    }

    /// <summary>
    /// Labels of letters, digits and inner hyphens, the last one starting with a letter (so never a numeric host form),
    /// none an IDN "xn--" label (System.Uri decodes those and may refuse).
    /// </summary>
    private static bool IsDnsName(ReadOnlySpan<char> host)
    {
        if (host.Length is 0 or > MaxHostLength)
        {
            return false;
        }

        while (true)
        {
            var dot = host.IndexOf('.');
            var label = dot < 0 ? host : host[..dot];
            if (label.Length is 0 or > MaxLabelLength
                || !char.IsAsciiLetterOrDigit(label[0])
                || !char.IsAsciiLetterOrDigit(label[^1])
                || label.ContainsAnyExcept(DnsLabelCharacters)
                || (label.Length >= 4 && label[2] == '-' && label[3] == '-'))
            {
                return false;
            }

            if (dot < 0)
            {
                return char.IsAsciiLetter(label[0]);
            }

            host = host[(dot + 1)..];
        }
    }

    /// <summary>The value of a few decimal digits, already checked to be digits.</summary>
    private static int DecimalValue(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value * 10) + (digit - '0');
        }

        return value;
    }

    private static bool IsPrintableAscii(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange(' ', '~');
}

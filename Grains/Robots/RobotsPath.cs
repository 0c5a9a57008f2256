using System.Buffers;
using System.Text;
using Crawler.Grains.Urls;

namespace Crawler.Grains.Robots;

/// <summary>
/// The one form in which rule patterns and request paths are compared (RFC 9309 §2.2.2): ASCII only,
/// percent-encoded unreserved octets decoded, other escapes in uppercase hex, and every octet a URI may
/// not hold as is (non-ASCII, controls, space, '"', '&lt;', a '%' that starts no escape, ...) encoded.
/// Both sides go through the same rules, so <c>/caf%C3%A9</c>, <c>/caf%c3%a9</c> and <c>/café</c> compare equal.
/// </summary>
internal static class RobotsPath
{
    /// <summary>Enough for any path: a UTF-16 code unit becomes at most three escapes of three characters.</summary>
    public const int MaxExpansion = 9;

    private const string UpperHex = "0123456789ABCDEF";

    // RFC 3986 unreserved, gen-delims but '#', and sub-delims: what a path and query hold unescaped.
    private static readonly SearchValues<char> Verbatim = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?[]@!$&'()*+,;=");

    /// <summary>True when <paramref name="path"/> differs from its comparison form.</summary>
    public static bool NeedsNormalizing(ReadOnlySpan<char> path) => path.IndexOfAnyExcept(Verbatim) >= 0;

    /// <summary>
    /// Writes the comparison form of a request path into <paramref name="destination"/>, which must hold
    /// <see cref="MaxExpansion"/> characters per character of <paramref name="path"/>; returns the length.
    /// </summary>
    public static int Normalize(ReadOnlySpan<char> path, Span<char> destination)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var written = 0;
        var i = 0;
        while (i < path.Length)
        {
            var c = path[i];
            if (c == '%')
            {
                written += WriteEscapeOrPercent(path, i, destination[written..]);
                i += IsEscape(path, i) ? 3 : 1;
            }
            else if (c < 128)
            {
                written += Verbatim.Contains(c) ? Write(c, destination[written..]) : WriteEscape(c, destination[written..]);
                i++;
            }
            else
            {
                Rune.DecodeFromUtf16(path[i..], out var rune, out var consumed);
                var count = rune.EncodeToUtf8(utf8);
                for (var b = 0; b < count; b++)
                {
                    written += WriteEscape(utf8[b], destination[written..]);
                }

                i += consumed;
            }
        }

        return written;
    }

    /// <summary>
    /// Appends the comparison form of a pattern's literal octets (no wildcard or anchor among them).
    /// Bytes are taken as they are, so a robots.txt in another encoding still matches the same bytes
    /// percent-encoded in a URL.
    /// </summary>
    public static void AppendLiteral(StringBuilder builder, ReadOnlySpan<byte> octets)
    {
        Span<char> escape = stackalloc char[3];
        var i = 0;
        while (i < octets.Length)
        {
            var b = octets[i];
            if (b == '%')
            {
                if (i + 2 < octets.Length && char.IsAsciiHexDigit((char)octets[i + 1]) && char.IsAsciiHexDigit((char)octets[i + 2]))
                {
                    var value = (UrlText.HexValue((char)octets[i + 1]) << 4) | UrlText.HexValue((char)octets[i + 2]);
                    AppendDecoded(builder, value, escape);
                    i += 3;
                }
                else
                {
                    builder.Append("%25");
                    i++;
                }
            }
            else
            {
                if (b < 128 && Verbatim.Contains((char)b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    WriteEscape(b, escape);
                    builder.Append(escape);
                }

                i++;
            }
        }
    }

    // '*' and '$' decode too: §2.2.3 writes a literal star or dollar in a pattern as %2A or %24, and it
    // must match the character in a URL whichever way the URL spells it.
    private static bool DecodesToLiteral(int value) => UrlText.IsUnreserved(value) || value is '*' or '$';

    private static bool IsEscape(ReadOnlySpan<char> text, int i) =>
        i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]);

    private static int WriteEscapeOrPercent(ReadOnlySpan<char> text, int i, Span<char> destination)
    {
        if (!IsEscape(text, i))
        {
            return WriteEscape('%', destination);
        }

        var value = (UrlText.HexValue(text[i + 1]) << 4) | UrlText.HexValue(text[i + 2]);
        return DecodesToLiteral(value) ? Write((char)value, destination) : WriteEscape(value, destination);
    }

    private static void AppendDecoded(StringBuilder builder, int value, Span<char> escape)
    {
        if (DecodesToLiteral(value))
        {
            builder.Append((char)value);
        }
        else
        {
            WriteEscape(value, escape);
            builder.Append(escape);
        }
    }

    private static int Write(char c, Span<char> destination)
    {
        destination[0] = c;
        return 1;
    }

    private static int WriteEscape(int octet, Span<char> destination)
    {
        destination[0] = '%';
        destination[1] = UpperHex[octet >> 4];
        destination[2] = UpperHex[octet & 0xF];
        return 3;
    }
}

using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html;

namespace Crawler.Grains.Links;

/// <summary>
/// Decodes HTML character references (<c>&amp;amp;</c>, <c>&amp;#38;</c>, <c>&amp;#x26;</c>, legacy names without
/// the semicolon) the way the HTML standard's tokenizer does, including its rule for attribute values: a legacy name
/// followed by '=' or a letter or digit is left as written, so <c>?a=1&amp;copy=2</c> stays a query. The table of
/// names is AngleSharp's, which carries the standard's full list. As the standard's input preprocessing does, CR LF
/// and lone CR become LF, and NUL becomes U+FFFD.
/// </summary>
internal static class CharacterReferences
{
    // The longest name in the standard's table is 31 characters plus ';'.
    private const int MaxNameLength = 32;

    // Legacy names (those valid without ';') are at most 6 characters long.
    private const int MaxLegacyNameLength = 6;

    // Numeric references to 0x80-0x9F mean windows-1252, as browsers have always read them.
    private static readonly char[] Windows1252 =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    /// <summary>Decodes <paramref name="text"/>, which comes back as it is when there is nothing to decode.</summary>
    public static ReadOnlyMemory<char> Decode(ReadOnlyMemory<char> text, bool inAttribute) =>
        NeedsDecoding(text.Span) ? Decode(text.Span, inAttribute).AsMemory() : text;

    public static string Decode(ReadOnlySpan<char> text, bool inAttribute)
    {
        if (!NeedsDecoding(text))
        {
            return text.ToString();
        }

        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny('&', '\0', '\r');
            if (next < 0)
            {
                builder.Append(text[i..]);
                break;
            }

            builder.Append(text.Slice(i, next));
            i += next;
            if (text[i] == '\0')
            {
                builder.Append('\uFFFD');
                i++;
                continue;
            }

            if (text[i] == '\r')
            {
                builder.Append('\n');
                i += i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                continue;
            }

            i = AppendReference(text, i, inAttribute, builder);
        }

        return builder.ToString();
    }

    private static bool NeedsDecoding(ReadOnlySpan<char> text) => text.IndexOfAny('&', '\0', '\r') >= 0;

    /// <summary>Appends what the reference at <paramref name="amp"/> stands for; returns the index after it.</summary>
    private static int AppendReference(ReadOnlySpan<char> text, int amp, bool inAttribute, StringBuilder builder)
    {
        var start = amp + 1;
        if (start < text.Length && text[start] == '#')
        {
            return AppendNumeric(text, amp, builder);
        }

        var end = start;
        while (end < text.Length && end - start < MaxNameLength && char.IsAsciiLetterOrDigit(text[end]))
        {
            end++;
        }

        if (end == start)
        {
            builder.Append('&');
            return start;
        }

        var provider = HtmlEntityProvider.Resolver;
        if (end < text.Length && text[end] == ';' && provider.GetSymbol(string.Concat(text[start..end], ";")) is { } full)
        {
            builder.Append(full);
            return end + 1;
        }

        if (inAttribute)
        {
            return AppendLegacyInAttribute(text, start, end, provider, builder);
        }

        for (var length = Math.Min(end - start, MaxLegacyNameLength); length >= 2; length--)
        {
            if (provider.GetSymbol(text.Slice(start, length).ToString()) is not { } legacy)
            {
                continue;
            }

            var after = start + length;
            if (inAttribute && after < text.Length && (text[after] == '=' || char.IsAsciiLetterOrDigit(text[after])))
            {
                break;
            }

            builder.Append(legacy);
            return after;
        }

        builder.Append('&');
        return start;
    }

    /// <summary>
    /// The legacy rule in an attribute value, where a name matched short of the whole run of letters and digits
    /// <c>[start, end)</c> is followed by a letter or digit and so stays as written: only the whole run, not followed by
    /// '=', can be a reference, which spares looking up each shorter prefix (and the strings for them).
    /// </summary>
    private static int AppendLegacyInAttribute(ReadOnlySpan<char> text, int start, int end, IEntityProvider provider, StringBuilder builder)
    {
        var length = end - start;
        if (length is >= 2 and <= MaxLegacyNameLength
            && (end == text.Length || text[end] != '=')
            && provider.GetSymbol(text[start..end].ToString()) is { } legacy)
        {
            builder.Append(legacy);
            return end;
        }

        builder.Append('&');
        return start;
    }

    private static int AppendNumeric(ReadOnlySpan<char> text, int amp, StringBuilder builder)
    {
        var i = amp + 2;
        var hex = i < text.Length && (text[i] == 'x' || text[i] == 'X');
        if (hex)
        {
            i++;
        }

        var digits = i;
        var value = 0;
        while (i < text.Length && (hex ? char.IsAsciiHexDigit(text[i]) : char.IsAsciiDigit(text[i])))
        {
            // Saturates just above the Unicode range, which maps to U+FFFD below.
            value = Math.Min(0x110000, (value * (hex ? 16 : 10)) + DigitValue(text[i]));
            i++;
        }

        if (i == digits)
        {
            builder.Append('&');
            return amp + 1;
        }

        if (i < text.Length && text[i] == ';')
        {
            i++;
        }

        if (value == 0 || value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
        {
            builder.Append('\uFFFD');
        }
        else if (value is >= 0x80 and <= 0x9F)
        {
            builder.Append(Windows1252[value - 0x80]);
        }
        else
        {
            builder.Append(char.ConvertFromUtf32(value));
        }

        return i;
    }

    private static int DigitValue(char c) => char.IsAsciiDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}

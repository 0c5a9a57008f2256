using System.Text;

namespace Crawler.Grains.Urls;

/// <summary>RFC 3986 §6.2.2.1-2 percent-encoding normalization of one component.</summary>
internal static class PercentEncoding
{
    private const string UpperHex = "0123456789ABCDEF";

    /// <summary>
    /// Appends <paramref name="text"/> with percent-encoded unreserved characters decoded, other escapes
    /// in uppercase hex, a '%' that starts no escape written as %25, and every character
    /// <paramref name="isAllowed"/> rejects encoded as UTF-8 (an unpaired surrogate as U+FFFD).
    /// </summary>
    public static void AppendNormalized(StringBuilder builder, ReadOnlySpan<char> text, Func<char, bool> isAllowed)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
                {
                    var value = (UrlText.HexValue(text[i + 1]) << 4) | UrlText.HexValue(text[i + 2]);
                    if (UrlText.IsUnreserved(value))
                    {
                        builder.Append((char)value);
                    }
                    else
                    {
                        AppendEscape(builder, value);
                    }

                    i += 3;
                }
                else
                {
                    builder.Append("%25");
                    i++;
                }
            }
            else if (c < 128)
            {
                if (isAllowed(c))
                {
                    builder.Append(c);
                }
                else
                {
                    AppendEscape(builder, c);
                }

                i++;
            }
            else
            {
                Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
                var written = rune.EncodeToUtf8(utf8);
                for (var b = 0; b < written; b++)
                {
                    AppendEscape(builder, utf8[b]);
                }

                i += consumed;
            }
        }
    }

    /// <summary>
    /// Decodes every escape into UTF-8 text, for host names (§3.2.2 allows escapes in a reg-name).
    /// False when the bytes are not valid UTF-8.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out string decoded)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                bytes[count++] = (byte)((UrlText.HexValue(text[i + 1]) << 4) | UrlText.HexValue(text[i + 2]));
                i += 3;
            }
            else
            {
                Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
                count += rune.EncodeToUtf8(bytes.AsSpan(count));
                i += consumed;
            }
        }

        var chars = new char[count];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(0, count), chars, out _, out var charCount, replaceInvalidSequences: false);
        decoded = new string(chars, 0, charCount);
        return status == System.Buffers.OperationStatus.Done;
    }

    private static void AppendEscape(StringBuilder builder, int value)
    {
        builder.Append('%').Append(UpperHex[value >> 4]).Append(UpperHex[value & 0xF]);
    }
}

using System.Text;

namespace Crawler.Grains.Fetching;

/// <summary>
/// Finds the charset a page declares in a <c>&lt;meta&gt;</c> tag, reading the bytes as ASCII: a simplified
/// form of the HTML standard's prescan that skips comments and honours quoted attribute values.
/// </summary>
internal static class MetaPrescan
{
    public static string? FindCharset(ReadOnlySpan<byte> head)
    {
        var i = 0;
        while (i < head.Length)
        {
            var rest = head[i..];
            if (rest.StartsWith("<!--"u8))
            {
                var end = rest[4..].IndexOf("-->"u8);
                if (end < 0)
                {
                    return null;
                }

                i += 4 + end + 3;
            }
            else if (StartsWithIgnoreCase(rest, "<meta"u8) && rest.Length > 5 && (IsSpace(rest[5]) || rest[5] == '/'))
            {
                var (charset, consumed) = ReadMeta(rest[5..]);
                if (charset is not null)
                {
                    return charset;
                }

                i += 5 + consumed;
            }
            else if (rest[0] == '<' && rest.Length > 1 && (IsLetter(rest[1]) || rest[1] == '/'))
            {
                // Another tag: step over its attributes so a '<meta' inside a quoted value is not taken for a tag.
                i += 1 + SkipAttributes(rest[1..]);
            }
            else
            {
                i++;
            }
        }

        return null;
    }

    private static (string? Charset, int Consumed) ReadMeta(ReadOnlySpan<byte> tag)
    {
        string? charset = null;
        string? content = null;
        var httpEquivContentType = false;
        var position = 0;
        while (TryReadAttribute(tag, ref position, out var name, out var value))
        {
            if (name.SequenceEqual("charset"u8) && charset is null)
            {
                charset = Latin1String(value);
            }
            else if (name.SequenceEqual("http-equiv"u8))
            {
                httpEquivContentType |= EqualsIgnoreCase(value, "content-type"u8);
            }
            else if (name.SequenceEqual("content"u8) && content is null)
            {
                content = Latin1String(value);
            }
        }

        if (charset is not null)
        {
            return (charset, position);
        }

        return (httpEquivContentType && content is not null ? CharsetOfContent(content) : null, position);
    }

    private static int SkipAttributes(ReadOnlySpan<byte> tag)
    {
        var position = 0;
        while (TryReadAttribute(tag, ref position, out _, out _))
        {
            // Only where the tag ends matters, not what it says.
        }

        return position;
    }

    /// <summary>Reads one attribute; false at the tag's end, with <paramref name="position"/> past the '&gt;'.</summary>
    private static bool TryReadAttribute(ReadOnlySpan<byte> tag, ref int position, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        name = default;
        value = default;
        while (position < tag.Length && (IsSpace(tag[position]) || tag[position] == '/'))
        {
            position++;
        }

        if (position >= tag.Length)
        {
            return false;
        }

        if (tag[position] == '>')
        {
            position++;
            return false;
        }

        var nameStart = position;
        while (position < tag.Length && !IsSpace(tag[position]) && tag[position] is not (byte)'=' and not (byte)'>' and not (byte)'/')
        {
            position++;
        }

        name = LowerCopy(tag[nameStart..position]);
        while (position < tag.Length && IsSpace(tag[position]))
        {
            position++;
        }

        if (position >= tag.Length || tag[position] != '=')
        {
            return true;
        }

        position++;
        while (position < tag.Length && IsSpace(tag[position]))
        {
            position++;
        }

        if (position < tag.Length && tag[position] is (byte)'"' or (byte)'\'')
        {
            var quote = tag[position];
            var end = tag[(position + 1)..].IndexOf(quote);
            if (end < 0)
            {
                position = tag.Length;
                return false;
            }

            value = tag.Slice(position + 1, end);
            position += end + 2;
            return true;
        }

        var valueStart = position;
        while (position < tag.Length && !IsSpace(tag[position]) && tag[position] != '>')
        {
            position++;
        }

        value = tag[valueStart..position];
        return true;
    }

    /// <summary>The charset parameter of a content attribute such as <c>text/html; charset=windows-1252</c>.</summary>
    private static string? CharsetOfContent(string content)
    {
        var at = content.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = content.AsSpan(at + "charset".Length).TrimStart();
        if (rest.IsEmpty || rest[0] != '=')
        {
            return null;
        }

        rest = rest[1..].TrimStart();
        if (!rest.IsEmpty && rest[0] is '"' or '\'')
        {
            var quote = rest[0];
            var end = rest[1..].IndexOf(quote);
            return end < 0 ? null : rest.Slice(1, end).ToString();
        }

        var stop = rest.IndexOfAny(';', ' ', '\t');
        return (stop < 0 ? rest : rest[..stop]).ToString();
    }

    private static byte[] LowerCopy(ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] is >= (byte)'A' and <= (byte)'Z')
            {
                copy[i] = (byte)(copy[i] + 32);
            }
        }

        return copy;
    }

    private static string Latin1String(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerPrefix) =>
        text.Length >= lowerPrefix.Length && EqualsIgnoreCase(text[..lowerPrefix.Length], lowerPrefix);

    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lower) =>
        Ascii.EqualsIgnoreCase(text, lower);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f';

    private static bool IsLetter(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';
}

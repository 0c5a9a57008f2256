using System.Text;

namespace Crawler.Grains.Fetching;

/// <summary>
/// Picks the encoding of an HTML body: a byte order mark, then the Content-Type charset, then a
/// <c>&lt;meta charset&gt;</c> or <c>&lt;meta http-equiv="content-type"&gt;</c> in the first 1024 bytes, else UTF-8.
/// Every encoding it returns replaces invalid bytes with U+FFFD, so decoding never throws.
/// </summary>
internal static class CharsetDetector
{
    /// <summary>How far the meta prescan looks, as in the HTML standard; a declaration later in the page is ignored.</summary>
    public const int PrescanBytes = 1024;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly Encoding Utf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
    private static readonly Encoding Utf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16BigEndianBom => [0xFE, 0xFF];

    private static ReadOnlySpan<byte> Utf16LittleEndianBom => [0xFF, 0xFE];

    static CharsetDetector()
    {
        // windows-1252, Shift_JIS, GBK and the other legacy code pages of the web are not built into .NET.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Decodes a body; <paramref name="headerCharset"/> is the Content-Type's charset parameter, if any.</summary>
    public static string Decode(ReadOnlySpan<byte> body, string? headerCharset)
    {
        var (encoding, preamble) = Detect(body, headerCharset);
        return encoding.GetString(body[preamble..]);
    }

    /// <summary>The encoding and the length of the byte order mark to skip.</summary>
    public static (Encoding Encoding, int Preamble) Detect(ReadOnlySpan<byte> body, string? headerCharset)
    {
        // A byte order mark outranks the header, as in the WHATWG encoding sniffing rules: it describes the
        // bytes themselves, while a header is often a server-wide default that is wrong for the file.
        if (body.StartsWith(Utf8Bom))
        {
            return (Utf8, 3);
        }

        if (body.StartsWith(Utf16BigEndianBom))
        {
            return (Utf16BigEndian, 2);
        }

        if (body.StartsWith(Utf16LittleEndianBom))
        {
            return (Utf16LittleEndian, 2);
        }

        if (Resolve(headerCharset, fromMeta: false) is { } declared)
        {
            return (declared, 0);
        }

        var head = body[..Math.Min(body.Length, PrescanBytes)];
        if (Resolve(MetaPrescan.FindCharset(head), fromMeta: true) is { } sniffed)
        {
            return (sniffed, 0);
        }

        return (Utf8, 0);
    }

    /// <summary>An encoding for a charset label, or null for an unknown or empty one.</summary>
    public static Encoding? Resolve(string? label, bool fromMeta)
    {
        var name = label?.Trim().Trim('"', '\'').Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        switch (name)
        {
            case "utf-8" or "utf8" or "unicode-1-1-utf-8":
                return Utf8;

            // The web treats these as windows-1252, which is what their servers actually send.
            case "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "x-cp1252":
                name = "windows-1252";
                break;

            // A page that could be read as ASCII to find its meta is not UTF-16, whatever it says.
            case "utf-16" or "utf-16le" or "utf-16be" when fromMeta:
                return Utf8;

            case "x-user-defined" when fromMeta:
                name = "windows-1252";
                break;
        }

        try
        {
            return Encoding.GetEncoding(name, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));
        }
        catch (ArgumentException)
        {
            // An unknown label falls back to the next rule, as browsers do.
            return null;
        }
    }
}

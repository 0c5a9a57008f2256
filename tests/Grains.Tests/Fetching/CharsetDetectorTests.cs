using System.Text;
using Crawler.Grains.Fetching;

namespace Crawler.Grains.Tests.Fetching;

public sealed class CharsetDetectorTests
{
    private static readonly byte[] Cafe1252 = [.. "<p>caf"u8, 0xE9, 0x80, .. "</p>"u8];

    [Fact]
    public void Decode_NoDeclaration_IsUtf8()
    {
        Assert.Equal("<p>café €</p>", CharsetDetector.Decode("<p>café €</p>"u8, null));
    }

    [Fact]
    public void Decode_HeaderCharset_IsUsed()
    {
        Assert.Equal("<p>café€</p>", CharsetDetector.Decode(Cafe1252, "windows-1252"));
    }

    [Fact]
    public void Decode_Latin1Label_MeansWindows1252AsOnTheWeb()
    {
        Assert.Equal("<p>café€</p>", CharsetDetector.Decode(Cafe1252, "ISO-8859-1"));
    }

    [Fact]
    public void Decode_MetaCharset_IsUsedWhenTheHeaderHasNone()
    {
        byte[] body = [.. "<html><head><meta charset=\"windows-1252\">"u8, .. Cafe1252];

        Assert.EndsWith("<p>café€</p>", CharsetDetector.Decode(body, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MetaHttpEquiv_IsUsed()
    {
        byte[] body = [.. "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=windows-1252'>"u8, .. Cafe1252];

        Assert.EndsWith("<p>café€</p>", CharsetDetector.Decode(body, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_HeaderAndMetaDisagree_HeaderWins()
    {
        var body = "<meta charset=\"windows-1252\"><p>café</p>"u8;

        Assert.Contains("café", CharsetDetector.Decode(body, "utf-8"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ByteOrderMark_OutranksTheHeaderAndIsDropped()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. "<p>café</p>"u8];

        Assert.Equal("<p>café</p>", CharsetDetector.Decode(body, "windows-1252"));
    }

    [Fact]
    public void Decode_Utf16ByteOrderMark_IsHonoured()
    {
        byte[] body = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("<p>café</p>")];

        Assert.Equal("<p>café</p>", CharsetDetector.Decode(body, null));
    }

    [Fact]
    public void Decode_MetaInsideComment_IsIgnored()
    {
        byte[] body = [.. "<!-- <meta charset=\"windows-1252\"> -->"u8, .. Cafe1252];

        Assert.Contains("caf\uFFFD", CharsetDetector.Decode(body, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MetaInsideAnotherTagsAttribute_IsIgnored()
    {
        byte[] body = [.. "<div title='<meta charset=windows-1252>'>"u8, .. Cafe1252];

        Assert.Contains("caf\uFFFD", CharsetDetector.Decode(body, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MetaAfterTheFirst1024Bytes_IsIgnored()
    {
        byte[] body = [.. Encoding.ASCII.GetBytes(new string(' ', CharsetDetector.PrescanBytes)), .. "<meta charset=\"windows-1252\">"u8, .. Cafe1252];

        Assert.Contains("caf\uFFFD", CharsetDetector.Decode(body, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MetaClaimingUtf16_IsReadAsUtf8()
    {
        var body = "<meta charset=\"utf-16\"><p>café</p>"u8;

        Assert.Contains("café", CharsetDetector.Decode(body, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownLabel_FallsBackToUtf8()
    {
        Assert.Equal("<p>café</p>", CharsetDetector.Decode("<p>café</p>"u8, "no-such-charset"));
    }

    [Fact]
    public void Decode_InvalidUtf8_BecomesReplacementCharactersWithoutThrowing()
    {
        byte[] body = [.. "<p>"u8, 0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80, .. "</p>"u8];

        var text = CharsetDetector.Decode(body, "utf-8");

        Assert.StartsWith("<p>\uFFFD(\uFFFD", text, StringComparison.Ordinal);
        Assert.EndsWith("</p>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedMeta_DoesNotThrow()
    {
        Assert.Equal("<meta charset=\"win", CharsetDetector.Decode("<meta charset=\"win"u8, null));
    }
}

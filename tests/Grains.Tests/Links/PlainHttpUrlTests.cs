using System.Text;
using Crawler.Grains.Links;

namespace Crawler.Grains.Tests.Links;

/// <summary>
/// The shortcut that spares most links a System.Uri: whatever it recognises, System.Uri must accept, and the usual
/// links must be recognised (or the shortcut saves nothing).
/// </summary>
public sealed class PlainHttpUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/p/dir/page.html")]
    [InlineData("https://example.com")]
    [InlineData("HTTPS://Example.COM:443/")]
    [InlineData("http://a-b.c0.example/x?y#z")]
    [InlineData("http://example.com?q")]
    [InlineData("http://example.com#f")]
    [InlineData("http://localhost:65535/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://255.255.255.255/")]
    [InlineData("https://example.org/a%2fb/c?x=%zz")]
    [InlineData("https://example.com/dir/a b")]
    [InlineData("http://example.com/q?a=1&b=\"2\"&c=<3>&d={4}|5^6`7\\8")]
    public void Matches_UsualLink_IsRecognised(string url)
    {
        Assert.True(PlainHttpUrl.Matches(url));
        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out _));
    }

    [Theory]
    [InlineData("ftp://files.example/f")]
    [InlineData("http:g")]
    [InlineData("http:/example.com/")]
    [InlineData("http:///x")]
    [InlineData("http://exa mple.com/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::1/")]
    [InlineData("http://u@example.com/")]
    [InlineData("http://bücher.example/")]
    [InlineData("http://xn--bcher-kva.example/")]
    [InlineData("http://xn--a.example/")]
    [InlineData("http://example.com./")]
    [InlineData("http://.example.com/")]
    [InlineData("http://a..b/")]
    [InlineData("http://-a.example/")]
    [InlineData("http://a-.example/")]
    [InlineData("http://a_b.example/")]
    [InlineData("http://1.2.3.999/")]
    [InlineData("http://1.2.3/")]
    [InlineData("http://1.2.3.4.5/")]
    [InlineData("http://01.2.3.4/")]
    [InlineData("http://0x7f.0.0.1/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://a.1b/")]
    [InlineData("http://host:/")]
    [InlineData("http://host:65536/")]
    [InlineData("http://host:123456/")]
    [InlineData("http://host:8a/")]
    [InlineData("http://host\\evil.example/")]
    [InlineData("http://example.com/\u00e9")]
    [InlineData("http://example.com/a\tb")]
    [InlineData("http://example.com/a\u0000b")]
    [InlineData("http://example.com/\u007f")]
    public void Matches_UnusualUrl_IsLeftToSystemUri(string url)
    {
        Assert.False(PlainHttpUrl.Matches(url));
    }

    [Fact]
    public void Matches_OverlongUrl_IsLeftToSystemUri()
    {
        Assert.False(PlainHttpUrl.Matches("http://example.com/" + new string('a', 5_000)));
    }

    [Fact]
    public void Matches_OverlongLabelOrHost_IsLeftToSystemUri()
    {
        Assert.True(PlainHttpUrl.Matches($"http://{new string('a', 63)}.example/"));
        Assert.False(PlainHttpUrl.Matches($"http://{new string('a', 64)}.example/"));
        Assert.False(PlainHttpUrl.Matches($"http://{string.Join('.', Enumerable.Repeat(new string('a', 50), 6))}/"));
    }

    /// <summary>
    /// Seeded random URLs around the shortcut's edges, each a plain URL with up to three random edits (a character
    /// or piece inserted, a character removed): every one it recognises, System.Uri accepts.
    /// </summary>
    [Fact]
    public void Matches_RandomUrls_OnlyWhatSystemUriAccepts()
    {
        string[] schemes = ["http://", "https://", "HTTP://", "hTTpS://"];
        string[] pieces =
        [
            "-", ".", "..", ":", "@", "[", "]", "::1", "0x", "xn--", "ü", "_", " ", "%", "%41", "\\", "/", "?", "#", "\t",
            "\r\n", "\0", "\u007f", "\u00e9", "\u200e", "\ud800", "\"", "<", "{", "|", "^", "`", "999", "0", "00", "65536",
        ];
        const string LabelCharacters = "abcxyzABCXYZ0123456789";
        const string PathCharacters = "/?#.%aZ09 -_~!$&'()*+,;=:@\"<>\\^`{|}";
        var random = new Random(6);
        var recognised = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var url = new StringBuilder(schemes[random.Next(schemes.Length)]);
            if (random.Next(4) == 0)
            {
                url.AppendJoin('.', Enumerable.Range(0, 4).Select(_ => random.Next(256)));
            }
            else
            {
                for (var label = random.Next(1, 4); label > 0; label--)
                {
                    for (var length = random.Next(1, 6); length > 0; length--)
                    {
                        url.Append(LabelCharacters[random.Next(LabelCharacters.Length)]);
                    }

                    url.Append(label > 1 ? "." : "");
                }
            }

            if (random.Next(3) == 0)
            {
                url.Append(':').Append(random.Next(70_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            for (var length = random.Next(0, 12); length > 0; length--)
            {
                url.Append(PathCharacters[random.Next(PathCharacters.Length)]);
            }

            for (var edits = random.Next(0, 4); edits > 0; edits--)
            {
                var at = random.Next(url.Length);
                if (random.Next(3) == 0)
                {
                    url.Remove(at, 1);
                }
                else
                {
                    url.Insert(at, pieces[random.Next(pieces.Length)]);
                }
            }

            var text = url.ToString();
            if (PlainHttpUrl.Matches(text))
            {
                recognised++;
                Assert.True(Uri.TryCreate(text, UriKind.Absolute, out _), $"recognised, but System.Uri refuses: {text}");
            }
        }

        Assert.True(recognised > 1_000, $"only {recognised} recognised: the edges are not being tested");
    }
}

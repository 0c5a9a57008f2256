using System.Text;
using Crawler.Grains.Links;
using Crawler.Grains.Tests.Urls;
using Crawler.Grains.Urls;

namespace Crawler.Grains.Tests.Links;

/// <summary>
/// The span resolver against <see cref="UriReference"/>'s Parse, Resolve and ToString, which it replaces on the
/// extractor's path: for every base and href both must give the same text.
/// </summary>
public sealed class HrefResolverTests
{
    private static readonly string[] Bases =
    [
        "http://127.0.0.1:8080/p/dir/page.html",
        Rfc3986Examples.Base,
        "https://example.com",
        "https://example.com/",
        "https://example.com/dir/index.html?x=1&y=2",
        "http://a/b/c/./../d/",
        "HTTP://Example.COM:80/%7Euser/a.html?q#frag",
        "file:///tmp/a/b",
        "mailto:someone@example.org",
        "urn:isbn:0451450523",
    ];

    private static readonly string[] TrickyHrefs =
    [
        "", "#", "?", "?#", "#?", "//", "///x", "//host", "//host?q#f", "//host/../x/./y", "//u@h:1", "/", "/.", "/..",
        ".", "..", "./", "../", "...", "a/./b/../../c", "../../../../x", "/a/b/../../../c/./d", "a//../b", ".hidden/..x",
        "http:g", "HTTP:g", "https:g", "http://other/./a/../b", "HTTP://Other.Example/", "ftp://files.example/../f",
        "g:h", "1a:b", "a/b:c", "a:b/../c", "a?b#c?d", "?a=1&b=2", "#frag/../x", "%2e%2e/x", "/a b/c d.html",
        "../p/125.html#top", "./a/./b/../c.html", "javascript:void(0)", "mailto:x@y", "http://bücher.example/ü?ä#ö",
        "//[::1]:80/x", "http://u@a:1/p/q?x=1#f", "\\x\\..\\y", "/search?q=caf%C3%A9+au+lait&lang=fr", "?page=3&sort=asc",
    ];

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var baseUrl in Bases)
        {
            foreach (var href in TrickyHrefs)
            {
                data.Add(baseUrl, href);
            }
        }

        foreach (var row in Rfc3986Examples.Resolution)
        {
            data.Add(Rfc3986Examples.Base, (string)row[0]!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Resolve_TrickyHref_GivesWhatUriReferenceGives(string baseUrl, string href)
    {
        Assert.Equal(Expected(baseUrl, href), Resolve(baseUrl, href));
    }

    [Fact]
    public void Resolve_RandomHrefs_GiveWhatUriReferenceGives()
    {
        const string Alphabet = "/./../?#:@ab1%-";
        var random = new Random(6);
        for (var i = 0; i < 20_000; i++)
        {
            var href = new StringBuilder();
            for (var length = random.Next(0, 16); length > 0; length--)
            {
                href.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var baseUrl = Bases[random.Next(Bases.Length)];
            var text = href.ToString();
            var actual = Resolve(baseUrl, text);
            if (actual != Expected(baseUrl, text))
            {
                Assert.Fail($"'{text}' against '{baseUrl}': '{actual}', not '{Expected(baseUrl, text)}'");
            }
        }
    }

    [Fact]
    public void Constructor_RelativeBase_Throws()
    {
        Assert.Throws<ArgumentException>(() => new HrefResolver(UriReference.Parse("/a/b")));
    }

    private static string Expected(string baseUrl, string href) =>
        UriReference.Parse(baseUrl).Resolve(UriReference.Parse(href)).ToString();

    /// <summary>Into a buffer of exactly <see cref="HrefResolver.MaxLength"/>, so writing past it throws.</summary>
    private static string Resolve(string baseUrl, string href)
    {
        var resolver = new HrefResolver(UriReference.Parse(baseUrl));
        var buffer = new char[resolver.MaxLength(href)];
        return new string(buffer, 0, resolver.Resolve(href, buffer));
    }
}

using System.Buffers;
using System.Text;
using Crawler.Grains.Links;
using Crawler.Grains.Urls;

namespace Crawler.Grains.Tests.Links;

/// <summary>
/// The extractor resolves links in a buffer and asks System.Uri only about the unusual ones; these check it against
/// the plain way (each href through <see cref="UriReference"/> to a string, then System.Uri) on tricky pages.
/// </summary>
public sealed class LinkExtractorResolutionTests
{
    private const int MaxHrefLength = 32 * 1024;

    private static readonly SearchValues<char> NotInUnquotedValues = SearchValues.Create(" \t\r\n>\"'=<`");

    private static readonly string[] DocumentUrls =
    [
        "https://example.com/dir/index.html",
        "http://127.0.0.1:8080/p/dir/page.html",
        "http://bücher.example:8080/ä/ö.html?q=ü",
        "http://example.com",
    ];

    private static readonly string[] TrickyHrefs =
    [
        "page2.html", "./page2.html", "../../../too-far", "/root?q=1", "//cdn.example.com/x", "?page=2", "#top", "",
        "  \n /spaced\t/href \r\n", "a b", "java\nscript:alert(1)", " JavaScript:void(0)", "MAILTO:x@example.com",
        "tel:+1", "data:text/html,x", "ftp://files.example/f", "HTTP://Other.Example/", "http:relative", "https:g",
        "http://exa mple.com/", "http://[::1/", "http://[::1]:8080/x", "http://bücher.example/ü", "http://xn--bcher-kva.example/",
        "http://Example.COM:80/%7Euser/index.html?b=2&a=1", "/search?q=caf%C3%A9+au+lait&lang=fr", "https://example.org/a%2fb/c?x=%zz",
        "/q?a=1&amp;b=2", "/q?a=1&copy=2", "/q?x&lt;y", "/&#x41;&#66;&#128;&#0;", "/&notin;&notit;&amp", "/&copy", "/x&copy;y",
        "/x&lang=1&amp=2&ampx;&lt5", "/tab&#9;x", "/cr\r\nlf\r", "http://u@example.com/", "http://example.com:99999/",
        "http://example.com:/", "http://1.2.3.999/", "http://0x7f.0.0.1/", "http://example.com./", "http://a_b.example/",
        "//[fe80::1%25eth0]/", "/a/./b/../c/", "./a/./b/../c.html", "page#section", "page#section/../x", "\\back\\slash",
        "http://example.com/\u00e9\u200e", "http://example.com/\ud800", "/very/" + new string('x', 5000),
    ];

    public static TheoryData<string> DocumentUrlData() => [.. DocumentUrls];

    [Theory]
    [MemberData(nameof(DocumentUrlData))]
    public void Extract_TrickyHrefsInSeveralSpellings_GiveWhatThePlainWayGives(string documentUrl)
    {
        var html = new StringBuilder("<html><head><title>t</title><link rel=canonical href=\"/c?a=1&amp;b\"></head><body>");
        foreach (var href in TrickyHrefs)
        {
            var attribute = href.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
            html.Append("<a href=\"").Append(attribute).Append("\">q</a>");
            html.Append("<A HREF='").Append(href.Replace("'", "&#39;", StringComparison.Ordinal)).Append("' REL=NoFollow>s</A>");
            if (!href.AsSpan().ContainsAny(NotInUnquotedValues))
            {
                html.Append("<a href=").Append(href).Append(" >u</a><area href=").Append(href).Append('>');
            }
        }

        AssertSameAsPlainWay(html.ToString(), documentUrl, 10_000);
    }

    [Theory]
    [InlineData("https://cdn.example.com/base/")]
    [InlineData("/sub/./x/../")]
    [InlineData("sub/")]
    [InlineData("//cdn.example.com/b/c")]
    [InlineData("http://exa mple.com/")]
    [InlineData("http://bücher.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://files.example/dir/")]
    [InlineData("  https://spaced.example/a/\n")]
    [InlineData("?only-query")]
    [InlineData("")]
    public void Extract_BaseHrefAndTrickyHrefs_GiveWhatThePlainWayGives(string baseHref)
    {
        var html = new StringBuilder("<base href=\"").Append(baseHref).Append("\">");
        foreach (var href in TrickyHrefs)
        {
            html.Append("<a href=\"").Append(href.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)).Append("\">x</a>");
        }

        html.Append("<link rel=\"canonical\" href=\"../canonical\">");
        AssertSameAsPlainWay(html.ToString(), "https://example.com/dir/index.html", 10_000);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    public void Extract_CapWithDuplicatesAndRejectedLinks_GivesWhatThePlainWayGives(int cap)
    {
        var html = new StringBuilder();
        for (var i = 0; i < 60; i++)
        {
            html.Append("<a href=\"/p").Append(i % 7).Append("\"><a href=\"http://exa mple.com/").Append(i).Append("\"><a href=\"/p").Append(i).Append("#f\">");
        }

        AssertSameAsPlainWay(html.ToString(), "https://example.com/dir/index.html", cap);
    }

    [Fact]
    public void Extract_RandomHrefs_GiveWhatThePlainWayGives()
    {
        string[] pieces = ["/", ".", "..", "?", "#", ":", "@", "a", "B", "1", "%", "%41", "&amp;", "&lt", " ", "\t", "http:", "//", "ü", "[", "-"];
        var random = new Random(6);
        for (var page = 0; page < 200; page++)
        {
            var html = new StringBuilder();
            for (var link = 0; link < 30; link++)
            {
                html.Append("<a href=\"");
                for (var length = random.Next(0, 10); length > 0; length--)
                {
                    html.Append(pieces[random.Next(pieces.Length)]);
                }

                html.Append("\">");
            }

            AssertSameAsPlainWay(html.ToString(), DocumentUrls[random.Next(DocumentUrls.Length)], 10_000);
        }
    }

    private static void AssertSameAsPlainWay(string html, string documentUrl, int cap)
    {
        var actual = new LinkExtractor(cap).Extract(html, new Uri(documentUrl));
        var expected = ExtractThePlainWay(html, new Uri(documentUrl), cap);

        Assert.Equal(expected.Links, actual.Links);
        Assert.Equal(expected.Canonical, actual.Canonical);
        Assert.Equal(expected.LinksSeen, actual.LinksSeen);
        Assert.Equal(expected.Truncated, actual.Truncated);
    }

    /// <summary>Every href to a string through <see cref="UriReference"/>, then System.Uri decides.</summary>
    private static ExtractedPage ExtractThePlainWay(string html, Uri documentUrl, int cap)
    {
        var elements = HtmlScanner.Scan(html);
        var baseUrl = UriReference.Parse(documentUrl.AbsoluteUri);
        if (elements.BaseHref is { Length: <= MaxHrefLength } baseHref)
        {
            var resolvedBase = baseUrl.Resolve(UriReference.Parse(UrlText.Clean(baseHref)));
            if (resolvedBase.Scheme is { } scheme
                && (scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
                && !string.IsNullOrEmpty(resolvedBase.Authority)
                && Uri.TryCreate(resolvedBase.ToString(), UriKind.Absolute, out _))
            {
                baseUrl = resolvedBase;
            }
        }

        var links = new List<ExtractedLink>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var truncated = false;
        foreach (var raw in elements.Links)
        {
            if (Resolve(baseUrl, raw.Href) is not { } url || !seen.Add(url))
            {
                continue;
            }

            if (links.Count == cap)
            {
                truncated = true;
                break;
            }

            links.Add(new ExtractedLink(url, raw.NoFollow));
        }

        var canonical = elements.CanonicalHref is { } canonicalHref ? Resolve(baseUrl, canonicalHref) : null;
        return new ExtractedPage(elements.Title, links, canonical, elements.MetaNoFollow, elements.MetaNoIndex, elements.Links.Count, truncated);
    }

    private static string? Resolve(UriReference baseUrl, string href)
    {
        if (href.Length > MaxHrefLength)
        {
            return null;
        }

        var text = UrlText.Clean(href);
        var scheme = UrlText.SchemeOf(text);
        if (text.Length == 0 || text[0] == '#' || scheme.Equals("javascript", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase) || scheme.Equals("tel", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var resolved = baseUrl.Resolve(UriReference.Parse(text)).ToString();
        return Uri.TryCreate(resolved, UriKind.Absolute, out _) ? resolved : null;
    }
}

using Crawler.Grains.Urls;

namespace Crawler.Grains.Tests.Urls;

public sealed class UrlNormalizerTests
{
    /// <summary>RFC 3986 §6.2.2 and §6.2.3 cases for the default normalizer (query parameters sorted).</summary>
    public static TheoryData<string, string> Normalization { get; } = new()
    {
        // Case: scheme and host lowercased; userinfo, path and query left alone.
        { "HTTP://Example.COM/Path", "http://example.com/Path" },
        { "http://User:Pass@Example.com/", "http://User:Pass@example.com/" },
        { "http://example.com/?Q=V", "http://example.com/?Q=V" },

        // Percent-encoding: unreserved decoded, the rest uppercase hex, forbidden characters encoded.
        { "http://example.com/%7Efoo", "http://example.com/~foo" },
        { "http://example.com/%7efoo", "http://example.com/~foo" },
        { "http://example.com/%41%42%43%2d%2E%5f%30", "http://example.com/ABC-._0" },
        { "http://example.com/a%2fb%3f", "http://example.com/a%2Fb%3F" },
        { "http://example.com/a b", "http://example.com/a%20b" },
        { "http://example.com/\u00fc", "http://example.com/%C3%BC" },
        { "http://example.com/\ud83d\ude00", "http://example.com/%F0%9F%98%80" },
        { "http://example.com/\"<>\\^`{|}", "http://example.com/%22%3C%3E%5C%5E%60%7B%7C%7D" },
        { "http://example.com/[x]", "http://example.com/%5Bx%5D" },
        { "http://example.com/100%", "http://example.com/100%25" },
        { "http://example.com/%zz%4", "http://example.com/%25zz%254" },
        { "http://example.com/!$&'()*+,;=:@", "http://example.com/!$&'()*+,;=:@" },
        { "http://example.com/?q=%e2%82%ac", "http://example.com/?q=%E2%82%AC" },
        { "http://example.com/?q=\u20ac", "http://example.com/?q=%E2%82%AC" },
        { "http://example.com/?q=a b", "http://example.com/?q=a%20b" },
        { "http://example.com/?q=a+b", "http://example.com/?q=a+b" },
        { "http://example.com/?q=/?:@", "http://example.com/?q=/?:@" },
        { "http://example.com/%7E?%7E=%7E", "http://example.com/~?~=~" },
        { "http://us%65r:p%40ss@example.com/", "http://user:p%40ss@example.com/" },
        { "http://ex%41mple.com/", "http://example.com/" },

        // Dot segments, including ones that only appear once %2E is decoded.
        { "http://example.com/a/./b/../c", "http://example.com/a/c" },
        { "http://example.com/a/%2E%2E/b", "http://example.com/b" },
        { "http://example.com/a/%2e/b", "http://example.com/a/b" },
        { "http://example.com/../../a", "http://example.com/a" },
        { "http://example.com/a/b?c=/../d", "http://example.com/a/b?c=/../d" },

        // Default ports, empty path, fragment, empty query.
        { "http://example.com:80/", "http://example.com/" },
        { "https://example.com:443/", "https://example.com/" },
        { "http://example.com:443/", "http://example.com:443/" },
        { "https://example.com:80/", "https://example.com:80/" },
        { "http://example.com:8080/a", "http://example.com:8080/a" },
        { "http://example.com:0080/", "http://example.com/" },
        { "http://example.com:/", "http://example.com/" },
        { "http://example.com", "http://example.com/" },
        { "http://example.com?a=1", "http://example.com/?a=1" },
        { "http://example.com/a#frag", "http://example.com/a" },
        { "http://example.com/a?x=1#y", "http://example.com/a?x=1" },
        { "http://example.com/a?", "http://example.com/a" },
        { "http://example.com/a?#x", "http://example.com/a" },

        // Query sorting: by name, ordinal, stable for repeated names; empty parameters dropped.
        { "http://example.com/?b=2&a=1", "http://example.com/?a=1&b=2" },
        { "http://example.com/?b=2&a=1&b=1&a=0", "http://example.com/?a=1&a=0&b=2&b=1" },
        { "http://example.com/?a=1&&b=2&", "http://example.com/?a=1&b=2" },
        { "http://example.com/?a&", "http://example.com/?a" },
        { "http://example.com/?&&", "http://example.com/" },
        { "http://example.com/?b=1&B=2&a=3", "http://example.com/?B=2&a=3&b=1" },
        { "http://example.com/?ab=1&a=2&a-b=3", "http://example.com/?a=2&a-b=3&ab=1" },
        { "http://example.com/?%62=1&a=2", "http://example.com/?a=2&b=1" },

        // Hosts: IDN to punycode (case folded first), trailing dot, IP literals.
        { "http://b\u00fccher.example/", "http://xn--bcher-kva.example/" },
        { "http://B\u00dcCHER.example/", "http://xn--bcher-kva.example/" },
        { "http://b%C3%BCcher.example/", "http://xn--bcher-kva.example/" },
        { "http://XN--BCHER-KVA.example/", "http://xn--bcher-kva.example/" },
        { "http://example.com./a", "http://example.com/a" },
        { "http://[::1]:8080/", "http://[::1]:8080/" },
        { "http://[0:0:0:0:0:0:0:1]/", "http://[::1]/" },
        { "http://[2001:DB8::1]:80/", "http://[2001:db8::1]/" },
        { "http://192.168.0.1:8080/x", "http://192.168.0.1:8080/x" },
        { "http://under_score.example.com/", "http://under_score.example.com/" },

        // Whitespace as browsers treat it.
        { "  http://example.com/a  ", "http://example.com/a" },
        { "\thttp://exa\nmple.com/a\r\nb\n", "http://example.com/ab" },
    };

    /// <summary>Every distinct output of the tables, with whether it came from the sorting normalizer.</summary>
    public static TheoryData<string, bool> AllOutputs()
    {
        var seen = new HashSet<(string, bool)>();
        var data = new TheoryData<string, bool>();
        void Add(string url, bool sorted)
        {
            if (seen.Add((url, sorted)))
            {
                data.Add(url, sorted);
            }
        }

        foreach (var row in Normalization)
        {
            Add((string)row[1]!, true);
        }

        foreach (var row in Rfc3986Examples.Resolution)
        {
            if (row[2] is string normalized)
            {
                Add(normalized, true);
            }
        }

        foreach (var row in UnsortedQueries)
        {
            Add((string)row[1]!, false);
        }

        return data;
    }

    public static TheoryData<string, string> UnsortedQueries { get; } = new()
    {
        { "http://example.com/?b=2&a=1", "http://example.com/?b=2&a=1" },
        { "http://example.com/?a=1&&b=2&", "http://example.com/?a=1&&b=2&" },
        { "http://example.com/?b=%7e", "http://example.com/?b=~" },
        { "http://example.com/?", "http://example.com/" },
    };

    [Theory]
    [MemberData(nameof(Normalization))]
    public void Normalize_Rfc3986Section6Cases_GiveCanonicalForm(string input, string expected)
    {
        Assert.Equal(expected, UrlNormalizer.Default.Normalize(input));
    }

    [Theory]
    [MemberData(nameof(UnsortedQueries))]
    public void Normalize_SortingOff_KeepsParameterOrder(string input, string expected)
    {
        var normalizer = new UrlNormalizer(sortQueryParameters: false);

        Assert.Equal(expected, normalizer.Normalize(input));
    }

    [Theory]
    [MemberData(nameof(AllOutputs))]
    public void Normalize_NormalizedUrl_ReturnsItUnchanged(string normalized, bool sortQueryParameters)
    {
        var normalizer = new UrlNormalizer(sortQueryParameters);

        Assert.Equal(normalized, normalizer.Normalize(normalized));
    }

    [Theory]
    [MemberData(nameof(Rfc3986Examples.Resolution), MemberType = typeof(Rfc3986Examples))]
    public void TryNormalize_Rfc3986ResolutionExamples_ResolveThenNormalize(string href, string rfcResult, string? expected)
    {
        Assert.False(string.IsNullOrEmpty(rfcResult));

        var accepted = UrlNormalizer.Default.TryNormalize(href, new Uri(Rfc3986Examples.Base), out var url, out var rejection);

        Assert.Equal(expected is not null, accepted);
        Assert.Equal(expected, url);
        Assert.Equal(expected is null, rejection is not null);
    }

    [Theory]
    [InlineData("https://example.com/dir/page.html", "other.html", "https://example.com/dir/other.html")]
    [InlineData("https://example.com/dir/page.html", "../up", "https://example.com/up")]
    [InlineData("https://example.com/dir/page.html", "//cdn.example.com/x", "https://cdn.example.com/x")]
    [InlineData("https://example.com/dir/page.html", "HTTPS:sub/x", "https://example.com/dir/sub/x")]
    [InlineData("https://example.com/dir/page.html", "http://other.example/", "http://other.example/")]
    [InlineData("https://example.com/dir/page.html", "?q=1#top", "https://example.com/dir/page.html?q=1")]
    [InlineData("https://example.com/dir/page.html", " /a b ", "https://example.com/a%20b")]
    [InlineData("https://example.com/dir/page.html#section", "#other", "https://example.com/dir/page.html")]
    [InlineData("https://b\u00fccher.example/", "x", "https://xn--bcher-kva.example/x")]
    public void TryNormalize_RelativeHref_ResolvesAgainstBase(string baseUrl, string href, string expected)
    {
        var accepted = UrlNormalizer.Default.TryNormalize(href, new Uri(baseUrl), out var url, out var rejection);

        Assert.True(accepted, rejection);
        Assert.Equal(expected, url);
        Assert.Null(rejection);
    }

    [Fact]
    public void TryNormalize_AbsoluteHrefWithoutBase_Normalizes()
    {
        var accepted = UrlNormalizer.Default.TryNormalize("HTTP://A.example/./b", null, out var url, out _);

        Assert.True(accepted);
        Assert.Equal("http://a.example/b", url);
    }

    [Fact]
    public void Constructor_NonPositiveMaxLength_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UrlNormalizer(maxUrlLength: 0));
    }
}

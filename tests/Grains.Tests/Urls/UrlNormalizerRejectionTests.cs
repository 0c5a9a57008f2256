using Crawler.Grains.Urls;

namespace Crawler.Grains.Tests.Urls;

public sealed class UrlNormalizerRejectionTests
{
    [Theory]
    [InlineData("javascript:alert(1)", "unsupported scheme 'javascript'")]
    [InlineData("JavaScript:void(0)", "unsupported scheme 'JavaScript'")]
    [InlineData("java\nscript:alert(1)", "unsupported scheme 'javascript'")]
    [InlineData("mailto:someone@example.com", "unsupported scheme 'mailto'")]
    [InlineData("tel:+15551234", "unsupported scheme 'tel'")]
    [InlineData("data:text/html,hi", "unsupported scheme 'data'")]
    [InlineData("ftp://example.com/file", "unsupported scheme 'ftp'")]
    [InlineData("file:///etc/passwd", "unsupported scheme 'file'")]
    [InlineData("", "empty URL")]
    [InlineData("   ", "empty URL")]
    [InlineData("\t\r\n", "empty URL")]
    [InlineData("http://", "missing host")]
    [InlineData("http:///path", "missing host")]
    [InlineData("http:path", "missing host")]
    [InlineData("http://user@/", "missing host")]
    [InlineData("http://exa mple.com/", "invalid host")]
    [InlineData("http://a..b/", "invalid host")]
    [InlineData("http://./", "invalid host")]
    [InlineData("http://exa<mple.com/", "invalid host")]
    [InlineData("http://ex%FFample.com/", "host is not valid UTF-8")]
    [InlineData("http://example.com:99999/", "invalid port")]
    [InlineData("http://example.com:65536/", "invalid port")]
    [InlineData("http://example.com:0/", "invalid port")]
    [InlineData("http://example.com:8o/", "invalid port")]
    [InlineData("http://a:b:80/", "invalid host")]
    [InlineData("http://[::1/", "invalid IPv6 host")]
    [InlineData("http://[::1]x/", "invalid IPv6 host")]
    [InlineData("http://[zz::1]/", "invalid IPv6 host")]
    [InlineData("http://[127.0.0.1]/", "invalid IPv6 host")]
    [InlineData("http://[fe80::1%25eth0]/", "invalid IPv6 host")]
    [InlineData("/relative/path", "relative URL without a base URL")]
    [InlineData("//example.com/", "relative URL without a base URL")]
    public void TryNormalize_UncrawlableUrl_IsRejectedWithReason(string href, string reason)
    {
        var accepted = UrlNormalizer.Default.TryNormalize(href, null, out var url, out var rejection);

        Assert.False(accepted);
        Assert.Null(url);
        Assert.Equal(reason, rejection);
    }

    [Fact]
    public void TryNormalize_RelativeHrefAndRelativeBase_IsRejected()
    {
        var accepted = UrlNormalizer.Default.TryNormalize("a", new Uri("/b", UriKind.Relative), out _, out var rejection);

        Assert.False(accepted);
        Assert.Equal("base URL is not absolute", rejection);
    }

    [Fact]
    public void TryNormalize_NonHttpBase_RejectsRelativeHref()
    {
        var accepted = UrlNormalizer.Default.TryNormalize("a", new Uri("ftp://example.com/dir/"), out _, out var rejection);

        Assert.False(accepted);
        Assert.Equal("unsupported scheme 'ftp'", rejection);
    }

    [Fact]
    public void TryNormalize_LongSchemeName_IsShortenedInReason()
    {
        var scheme = new string('x', 500);

        UrlNormalizer.Default.TryNormalize(scheme + ":y", null, out _, out var rejection);

        Assert.NotNull(rejection);
        Assert.True(rejection.Length < 100, rejection);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void TryNormalize_LengthAroundCap_AcceptsUpToTheCap(int length, bool accepted)
    {
        var normalizer = new UrlNormalizer(maxUrlLength: 30);
        const string Prefix = "http://example.com/";
        var href = Prefix + new string('a', length - Prefix.Length);

        var result = normalizer.TryNormalize(href, null, out var url, out var rejection);

        Assert.Equal(accepted, result);
        Assert.Equal(accepted ? href : null, url);
        Assert.Equal(accepted ? null : "longer than 30 characters", rejection);
    }

    [Fact]
    public void TryNormalize_CapAppliesAfterNormalization_EncodedInputCanFit()
    {
        var normalizer = new UrlNormalizer(maxUrlLength: 30);

        // 37 characters as written, 22 once %7E is decoded and the fragment dropped.
        var accepted = normalizer.TryNormalize("http://example.com/%7E%7E%7E#fragment", null, out var url, out _);

        Assert.True(accepted);
        Assert.Equal("http://example.com/~~~", url);
    }

    [Fact]
    public void TryNormalize_EncodingPushesOverDefaultCap_IsRejected()
    {
        var href = "http://example.com/" + new string(' ', 700);

        var accepted = UrlNormalizer.Default.TryNormalize(href + "x", null, out _, out var rejection);

        Assert.False(accepted);
        Assert.Equal("longer than 2048 characters", rejection);
    }

    [Fact]
    public void TryNormalize_HugeHref_IsRejectedAsTooLong()
    {
        var href = "http://example.com/" + new string('a', 10_000_000);

        var accepted = UrlNormalizer.Default.TryNormalize(href, null, out _, out var rejection);

        Assert.False(accepted);
        Assert.Equal("longer than 2048 characters", rejection);
    }

    [Fact]
    public void TryNormalize_LongFragment_DoesNotCountTowardsCap()
    {
        var href = "http://example.com/a#" + new string('f', 10_000);

        var accepted = UrlNormalizer.Default.TryNormalize(href, null, out var url, out _);

        Assert.True(accepted);
        Assert.Equal("http://example.com/a", url);
    }

    [Fact]
    public void Normalize_Uncrawlable_ThrowsArgumentExceptionNamingUrlAndReason()
    {
        var exception = Assert.Throws<ArgumentException>(() => UrlNormalizer.Default.Normalize("mailto:a@example.com"));

        Assert.Equal("absoluteUrl", exception.ParamName);
        Assert.Contains("mailto:a@example.com", exception.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported scheme 'mailto'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_RelativeUrl_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => UrlNormalizer.Default.Normalize("/a/b"));

        Assert.Contains("relative URL without a base URL", exception.Message, StringComparison.Ordinal);
    }
}

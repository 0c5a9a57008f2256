namespace Crawler.Grains.Tests.Urls;

/// <summary>
/// RFC 3986 §5.4 resolution examples against the base <c>http://a/b/c/d;p?q</c>: the reference, the
/// RFC's result, and what <c>UrlNormalizer.Default</c> makes of it (null: rejected).
/// </summary>
internal static class Rfc3986Examples
{
    public const string Base = "http://a/b/c/d;p?q";

    public static TheoryData<string, string, string?> Resolution { get; } = new()
    {
        // §5.4.1 normal examples
        { "g:h", "g:h", null },
        { "g", "http://a/b/c/g", "http://a/b/c/g" },
        { "./g", "http://a/b/c/g", "http://a/b/c/g" },
        { "g/", "http://a/b/c/g/", "http://a/b/c/g/" },
        { "/g", "http://a/g", "http://a/g" },
        { "//g", "http://g", "http://g/" },
        { "?y", "http://a/b/c/d;p?y", "http://a/b/c/d;p?y" },
        { "g?y", "http://a/b/c/g?y", "http://a/b/c/g?y" },
        { "#s", "http://a/b/c/d;p?q#s", "http://a/b/c/d;p?q" },
        { "g#s", "http://a/b/c/g#s", "http://a/b/c/g" },
        { "g?y#s", "http://a/b/c/g?y#s", "http://a/b/c/g?y" },
        { ";x", "http://a/b/c/;x", "http://a/b/c/;x" },
        { "g;x", "http://a/b/c/g;x", "http://a/b/c/g;x" },
        { "g;x?y#s", "http://a/b/c/g;x?y#s", "http://a/b/c/g;x?y" },
        { "", "http://a/b/c/d;p?q", null },
        { ".", "http://a/b/c/", "http://a/b/c/" },
        { "./", "http://a/b/c/", "http://a/b/c/" },
        { "..", "http://a/b/", "http://a/b/" },
        { "../", "http://a/b/", "http://a/b/" },
        { "../g", "http://a/b/g", "http://a/b/g" },
        { "../..", "http://a/", "http://a/" },
        { "../../", "http://a/", "http://a/" },
        { "../../g", "http://a/g", "http://a/g" },

        // §5.4.2 abnormal examples
        { "../../../g", "http://a/g", "http://a/g" },
        { "../../../../g", "http://a/g", "http://a/g" },
        { "/./g", "http://a/g", "http://a/g" },
        { "/../g", "http://a/g", "http://a/g" },
        { "g.", "http://a/b/c/g.", "http://a/b/c/g." },
        { ".g", "http://a/b/c/.g", "http://a/b/c/.g" },
        { "g..", "http://a/b/c/g..", "http://a/b/c/g.." },
        { "..g", "http://a/b/c/..g", "http://a/b/c/..g" },
        { "./../g", "http://a/b/g", "http://a/b/g" },
        { "./g/.", "http://a/b/c/g/", "http://a/b/c/g/" },
        { "g/./h", "http://a/b/c/g/h", "http://a/b/c/g/h" },
        { "g/../h", "http://a/b/c/h", "http://a/b/c/h" },
        { "g;x=1/./y", "http://a/b/c/g;x=1/y", "http://a/b/c/g;x=1/y" },
        { "g;x=1/../y", "http://a/b/c/y", "http://a/b/c/y" },
        { "g?y/./x", "http://a/b/c/g?y/./x", "http://a/b/c/g?y/./x" },
        { "g?y/../x", "http://a/b/c/g?y/../x", "http://a/b/c/g?y/../x" },
        { "g#s/./x", "http://a/b/c/g#s/./x", "http://a/b/c/g" },
        { "g#s/../x", "http://a/b/c/g#s/../x", "http://a/b/c/g" },

        // The RFC allows "http:g" for strict parsers or this, for backward compatibility; browsers do this.
        { "http:g", "http://a/b/c/g", "http://a/b/c/g" },
    };
}

using Crawler.Grains.Urls;

namespace Crawler.Grains.Tests.Urls;

public sealed class UriReferenceTests
{
    public static TheoryData<string, string> ResolutionExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Rfc3986Examples.Resolution)
        {
            data.Add((string)row[0]!, (string)row[1]!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResolutionExamples))]
    public void Resolve_Rfc3986Examples_GiveTheRfcResult(string reference, string expected)
    {
        var baseReference = UriReference.Parse(Rfc3986Examples.Base);

        var resolved = baseReference.Resolve(UriReference.Parse(reference));

        Assert.Equal(expected, resolved.ToString());
    }

    [Theory]
    [InlineData("http://u@a:1/p/q?x=1#f", "http", "u@a:1", "/p/q", "x=1", "f")]
    [InlineData("//a", null, "a", "", null, null)]
    [InlineData("g?", null, null, "g", "", null)]
    [InlineData("#", null, null, "", null, "")]
    [InlineData("a?b#c?d", null, null, "a", "b", "c?d")]
    [InlineData("1a:b", null, null, "1a:b", null, null)]
    [InlineData("a/b:c", null, null, "a/b:c", null, null)]
    [InlineData("mailto:x@y", "mailto", null, "x@y", null, null)]
    public void Parse_Reference_SplitsComponentsLikeAppendixB(string text, string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var reference = UriReference.Parse(text);

        Assert.Equal(new UriReference(scheme, authority, path, query, fragment), reference);
    }

    [Theory]
    [InlineData("http://a/b?", "http://a/b?")]
    [InlineData("http://a/b#", "http://a/b#")]
    [InlineData("//a", "//a")]
    [InlineData("g:h", "g:h")]
    public void ToString_ParsedReference_RecomposesEmptyAndUndefinedComponentsFaithfully(string text, string expected)
    {
        Assert.Equal(expected, UriReference.Parse(text).ToString());
    }

    [Fact]
    public void Resolve_RelativeBase_Throws()
    {
        var relativeBase = UriReference.Parse("/a/b");

        Assert.Throws<InvalidOperationException>(() => relativeBase.Resolve(UriReference.Parse("c")));
    }
}

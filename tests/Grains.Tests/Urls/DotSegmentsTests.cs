using Crawler.Grains.Urls;

namespace Crawler.Grains.Tests.Urls;

public sealed class DotSegmentsTests
{
    [Theory]
    [InlineData("/a/b/c/./../../g", "/a/g")]  // RFC 3986 §5.2.4 example
    [InlineData("mid/content=5/../6", "mid/6")]  // RFC 3986 §5.2.4 example
    [InlineData("/a/b/..", "/a/")]
    [InlineData("/a/b/.", "/a/b/")]
    [InlineData("/..", "/")]
    [InlineData("/../../..", "/")]
    [InlineData("../a", "a")]
    [InlineData("./a", "a")]
    [InlineData(".", "")]
    [InlineData("..", "")]
    [InlineData("/a/.../b", "/a/.../b")]
    [InlineData("/a/.b/c.", "/a/.b/c.")]
    [InlineData("/a//../b", "/a/b")]
    [InlineData("", "")]
    public void Remove_Path_RemovesOnlyDotSegments(string path, string expected)
    {
        Assert.Equal(expected, DotSegments.Remove(path));
    }

    [Fact]
    public void Remove_PathWithoutDotSegments_ReturnsSameInstance()
    {
        const string Path = "/a/b.html/c..d";

        Assert.Same(Path, DotSegments.Remove(Path));
    }
}

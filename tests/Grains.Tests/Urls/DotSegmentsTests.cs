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

    [Theory]
    [InlineData(".a")]
    [InlineData("..a/b")]
    [InlineData("a./b")]
    [InlineData("/...")]
    [InlineData("/a/..b/c")]
    [InlineData("/.hidden/x.")]
    [InlineData("a/b..")]
    public void Remove_DotsThatAreNoDotSegment_ReturnsSameInstance(string path)
    {
        Assert.Same(path, DotSegments.Remove(path));
    }

    [Fact]
    public void RemoveInPlace_Path_LeavesTheResultAtTheStart()
    {
        var buffer = "/a/b/c/./../../g?not-a-path".ToCharArray();

        var length = DotSegments.RemoveInPlace(buffer.AsSpan(0, 16));

        Assert.Equal("/a/g", new string(buffer, 0, length));
    }

    /// <summary>Seeded random paths against the algorithm as RFC 3986 §5.2.4 words it, on strings.</summary>
    [Fact]
    public void Remove_RandomPaths_GiveWhatTheRfcStepsGive()
    {
        string[] pieces = ["/", ".", "..", "a", "b.", ".c", "..."];
        var random = new Random(6);
        for (var i = 0; i < 20_000; i++)
        {
            var path = string.Concat(Enumerable.Range(0, random.Next(0, 10)).Select(_ => pieces[random.Next(pieces.Length)]));

            Assert.Equal(RfcSteps(path), DotSegments.Remove(path));
        }
    }

    private static string RfcSteps(string input)
    {
        var output = "";
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal) || input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[input.IndexOf('/', StringComparison.Ordinal)..][1..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal) || input == "/.")
            {
                input = "/" + input[Math.Min(3, input.Length)..];
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = "/" + input[Math.Min(4, input.Length)..];
                output = output[..Math.Max(output.LastIndexOf('/'), 0)];
            }
            else if (input is "." or "..")
            {
                input = "";
            }
            else
            {
                var end = input.IndexOf('/', 1);
                var segment = end < 0 ? input : input[..end];
                output += segment;
                input = input[segment.Length..];
            }
        }

        return output;
    }
}

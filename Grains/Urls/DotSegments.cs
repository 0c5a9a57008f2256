using System.Text;

namespace Crawler.Grains.Urls;

/// <summary>The remove_dot_segments algorithm of RFC 3986 §5.2.4.</summary>
internal static class DotSegments
{
    public static string Remove(string path)
    {
        if (!HasDotSegment(path))
        {
            return path;
        }

        var output = new StringBuilder(path.Length);
        var input = path.AsSpan();
        while (!input.IsEmpty)
        {
            if (input.StartsWith("../"))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./"))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./"))
            {
                input = input[2..];
            }
            else if (input.SequenceEqual("/."))
            {
                output.Append('/');
                input = [];
            }
            else if (input.StartsWith("/../"))
            {
                RemoveLastSegment(output);
                input = input[3..];
            }
            else if (input.SequenceEqual("/.."))
            {
                RemoveLastSegment(output);
                output.Append('/');
                input = [];
            }
            else if (input.SequenceEqual(".") || input.SequenceEqual(".."))
            {
                input = [];
            }
            else
            {
                var next = input.Length > 1 ? input[1..].IndexOf('/') : -1;
                var segmentLength = next < 0 ? input.Length : next + 1;
                output.Append(input[..segmentLength]);
                input = input[segmentLength..];
            }
        }

        return output.ToString();
    }

    /// <summary>True when some segment is exactly "." or "..", the only case the algorithm changes anything.</summary>
    private static bool HasDotSegment(string path)
    {
        var segmentStart = 0;
        for (var i = 0; i <= path.Length; i++)
        {
            if (i == path.Length || path[i] == '/')
            {
                var length = i - segmentStart;
                if ((length == 1 && path[segmentStart] == '.') || (length == 2 && path[segmentStart] == '.' && path[segmentStart + 1] == '.'))
                {
                    return true;
                }

                segmentStart = i + 1;
            }
        }

        return false;
    }

    private static void RemoveLastSegment(StringBuilder output)
    {
        var i = output.Length - 1;
        while (i >= 0 && output[i] != '/')
        {
            i--;
        }

        output.Length = Math.Max(i, 0);
    }
}

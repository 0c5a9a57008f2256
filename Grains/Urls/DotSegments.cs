using System.Buffers;

namespace Crawler.Grains.Urls;

/// <summary>The remove_dot_segments algorithm of RFC 3986 §5.2.4.</summary>
internal static class DotSegments
{
    // Paths up to this long are worked on the stack; longer ones in a pooled buffer.
    private const int StackLimit = 256;

    public static string Remove(string path)
    {
        if (!HasDotSegment(path))
        {
            return path;
        }

        char[]? rented = null;
        var buffer = path.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(path.Length));
        path.CopyTo(buffer);
        var result = new string(buffer[..RemoveInPlace(buffer[..path.Length])]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    /// <summary>
    /// Runs the algorithm over <paramref name="path"/> in place and returns the length of the result, which starts the
    /// span. In place works because the output never grows past the input consumed: each step drops input, moves a
    /// segment of it, or writes one '/' in place of a consumed "/." or "/..".
    /// </summary>
    public static int RemoveInPlace(Span<char> path)
    {
        if (!HasDotSegment(path))
        {
            return path.Length;
        }

        var read = 0;
        var written = 0;
        while (read < path.Length)
        {
            var input = path[read..];
            if (input.StartsWith("../"))
            {
                read += 3;
            }
            else if (input.StartsWith("./"))
            {
                read += 2;
            }
            else if (input.StartsWith("/./"))
            {
                read += 2;
            }
            else if (input.SequenceEqual("/."))
            {
                path[written++] = '/';
                read = path.Length;
            }
            else if (input.StartsWith("/../"))
            {
                written = WithoutLastSegment(path[..written]);
                read += 3;
            }
            else if (input.SequenceEqual("/.."))
            {
                written = WithoutLastSegment(path[..written]);
                path[written++] = '/';
                read = path.Length;
            }
            else if (input.SequenceEqual(".") || input.SequenceEqual(".."))
            {
                read = path.Length;
            }
            else
            {
                var next = input.Length > 1 ? input[1..].IndexOf('/') : -1;
                var segmentLength = next < 0 ? input.Length : next + 1;
                // A plain loop, not Span.CopyTo: the ranges overlap, which sends CopyTo through a native memmove
                // that costs more than these few characters.
                for (var end = read + segmentLength; read < end; read++)
                {
                    path[written++] = path[read];
                }
            }
        }

        return written;
    }

    /// <summary>True when some segment is exactly "." or "..", the only case the algorithm changes anything.</summary>
    private static bool HasDotSegment(ReadOnlySpan<char> path)
    {
        // A dot segment starts the path or follows a '/'; the vectorized search for "/." skips the rest.
        if (path.Length > 0 && path[0] == '.' && IsDotSegmentAt(path, 0))
        {
            return true;
        }

        var offset = 0;
        while (true)
        {
            var slashDot = path[offset..].IndexOf("/.", StringComparison.Ordinal);
            if (slashDot < 0)
            {
                return false;
            }

            offset += slashDot + 1;
            if (IsDotSegmentAt(path, offset))
            {
                return true;
            }
        }
    }

    /// <summary>Whether the segment starting with the '.' at <paramref name="dot"/> is "." or "..".</summary>
    private static bool IsDotSegmentAt(ReadOnlySpan<char> path, int dot)
    {
        var after = dot + 1;
        if (after < path.Length && path[after] == '.')
        {
            after++;
        }

        return after == path.Length || path[after] == '/';
    }

    /// <summary>The length of <paramref name="output"/> without its last segment and the '/' before it.</summary>
    private static int WithoutLastSegment(ReadOnlySpan<char> output) => Math.Max(output.LastIndexOf('/'), 0);
}

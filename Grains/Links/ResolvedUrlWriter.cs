using Crawler.Grains.Urls;

namespace Crawler.Grains.Links;

/// <summary>Composes a resolved URL in a span its caller made long enough (<see cref="HrefResolver.MaxLength"/>).</summary>
internal ref struct ResolvedUrlWriter(Span<char> destination)
{
    private readonly Span<char> _destination = destination;

    public int Length { get; private set; }

    public void Append(char c) => _destination[Length++] = c;

    public void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(_destination[Length..]);
        Length += text.Length;
    }

    public void AppendPathWithoutDotSegments(ReadOnlySpan<char> path)
    {
        var start = Length;
        Append(path);
        RemoveDotSegmentsFrom(start);
    }

    /// <summary>Removes the dot segments of the path written from <paramref name="start"/> on.</summary>
    public void RemoveDotSegmentsFrom(int start) => Length = start + DotSegments.RemoveInPlace(_destination[start..Length]);
}

using System.Buffers;

namespace Crawler.Grains.Fetching;

/// <summary>A body read into a pooled buffer, which <see cref="Return"/> gives back; or why none was kept.</summary>
internal readonly record struct BodyReadResult(byte[]? Rented, int Length, bool Truncated, string? Error)
{
    public ReadOnlySpan<byte> Span => Rented.AsSpan(0, Length);

    public static BodyReadResult Failed(string error, long length) => new(null, (int)Math.Min(length, int.MaxValue), false, error);

    public void Return()
    {
        if (Rented is not null)
        {
            ArrayPool<byte>.Shared.Return(Rented);
        }
    }
}

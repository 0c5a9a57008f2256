namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>
/// Unsigned integers in 7-bit groups, low first (LEB128): small numbers, the common case, take one byte. Written by
/// hand because .NET has this encoding only on streams (<see cref="BinaryWriter.Write7BitEncodedInt64"/>), and the
/// queue writes records into spans of its chunks.
/// </summary>
internal static class Varint
{
    public const int MaxBytes = 10;

    public static int SizeOf(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    public static ulong Read(ReadOnlySpan<byte> source, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = source[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw new InvalidOperationException("A queued message is corrupt: a number runs past 64 bits.");
    }

    public static int ReadInt(ReadOnlySpan<byte> source, ref int position) => checked((int)Read(source, ref position));
}

namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>Unsigned integers in 7-bit groups, low first (LEB128): small numbers, the common case, take one byte.</summary>
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

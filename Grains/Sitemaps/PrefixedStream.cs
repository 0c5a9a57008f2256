namespace Crawler.Grains.Sitemaps;

/// <summary>
/// Reads the first bytes of a stream ahead to sniff its format, then replays them before the rest, so
/// streams that cannot seek (HTTP bodies, decompressors) can be sniffed too.
/// </summary>
internal sealed class PrefixedStream : Stream
{
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private int _prefixPosition;

    private PrefixedStream(byte[] prefix, int prefixLength, Stream inner, bool leaveOpen)
    {
        _prefix = prefix;
        _prefixLength = prefixLength;
        _inner = inner;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The bytes read ahead: fewer than asked only when the stream ended first.</summary>
    public ReadOnlySpan<byte> Prefix => _prefix.AsSpan(0, _prefixLength);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static PrefixedStream ReadAhead(Stream inner, int count, bool leaveOpen)
    {
        var prefix = new byte[count];
        var read = inner.ReadAtLeast(prefix, count, throwOnEndOfStream: false);
        return new PrefixedStream(prefix, read, inner, leaveOpen);
    }

    /// <summary>Drops the first <paramref name="count"/> bytes of the prefix, which were read but are not to be parsed.</summary>
    public void Skip(int count) => _prefixPosition = Math.Min(_prefixLength, _prefixPosition + count);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefixPosition < _prefixLength)
        {
            var count = Math.Min(buffer.Length, _prefixLength - _prefixPosition);
            _prefix.AsSpan(_prefixPosition, count).CopyTo(buffer);
            _prefixPosition += count;
            return count;
        }

        return _inner.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

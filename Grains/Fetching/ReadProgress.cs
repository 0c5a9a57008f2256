namespace Crawler.Grains.Fetching;

/// <summary>How far one body read got, kept outside the reader so an error can say where the body stopped.</summary>
internal sealed class ReadProgress
{
    private long _wireBytes;

    /// <summary>Bytes taken off the connection, before any decompression.</summary>
    public long WireBytes => Interlocked.Read(ref _wireBytes);

    public void AddWireBytes(int count) => Interlocked.Add(ref _wireBytes, count);
}

using System.IO.Compression;
using System.Text;

namespace Crawler.SyntheticSite.Hostile;

/// <summary>
/// The two decompression bombs, built once per process on first use (about a second of CPU) and shared by every
/// server. One gzip layer cannot shrink 1 GiB below about 1 MiB, DEFLATE's ratio being capped near 1:1032;
/// the nested bomb gzips that again, to a few KB.
/// </summary>
internal static class GzipBombs
{
    private static readonly Lazy<Task<(byte[] Single, byte[] Nested)>> Built = new(() => Task.Run(Build));

    public static Task<(byte[] Single, byte[] Nested)> GetAsync() => Built.Value;

    private static (byte[] Single, byte[] Nested) Build()
    {
        var single = new MemoryStream();
        using (var gzip = new GZipStream(single, CompressionLevel.Optimal, leaveOpen: true))
        {
            var head = Encoding.ASCII.GetBytes("<!DOCTYPE html><html><head><title>Bomb</title></head><body>");
            gzip.Write(head);
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            for (long written = head.Length; written < HostilePaths.GzipBombInflatedBytes; written += spaces.Length)
            {
                gzip.Write(spaces);
            }
        }

        var nested = new MemoryStream();
        using (var gzip = new GZipStream(nested, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(single.GetBuffer().AsSpan(0, (int)single.Length));
        }

        return (single.ToArray(), nested.ToArray());
    }
}

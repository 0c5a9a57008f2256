using System.Buffers;
using System.IO.Compression;
using System.Net.Http.Headers;

namespace Crawler.Grains.Fetching;

/// <summary>
/// Reads a response body within the limits: at most <see cref="CrawlerOptions.MaxBodyBytes"/> after decompression,
/// and no more than <see cref="CrawlerOptions.MaxDecompressionRatio"/> times the bytes on the wire once past
/// <see cref="CrawlerOptions.DecompressionRatioFloorBytes"/>. It decodes Content-Encoding itself (gzip, deflate,
/// br, stacked) because the handler's automatic decompression sits below any place a count of the compressed
/// bytes could be taken.
/// </summary>
internal static class BodyReader
{
    private const int InitialBufferBytes = 16 * 1024;

    // Each layer multiplies a bomb's reach; real servers use one.
    private const int MaxEncodingLayers = 2;

    public static async Task<BodyReadResult> ReadAsync(HttpContent content, CrawlerOptions options, ReadProgress progress, CancellationToken cancellationToken)
    {
        var encodings = Encodings(content.Headers);
        if (encodings.Count > MaxEncodingLayers)
        {
            return BodyReadResult.Failed($"too many content encodings ({string.Join(", ", encodings)}); body dropped", 0);
        }

        if (encodings.Find(e => DecoderFor(e) is null) is { } unsupported)
        {
            return BodyReadResult.Failed($"unsupported content encoding '{unsupported}'; body dropped", 0);
        }

        Stream stream = new CountingStream(await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), progress);
        try
        {
            // Encodings are listed in the order they were applied, so they are undone from the last.
            for (var i = encodings.Count - 1; i >= 0; i--)
            {
                stream = DecoderFor(encodings[i])!(stream);
            }

            return await ReadLimitedAsync(stream, encodings.Count > 0, options, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<BodyReadResult> ReadLimitedAsync(Stream stream, bool encoded, CrawlerOptions options, ReadProgress progress, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(options.MaxBodyBytes, Array.MaxLength - 1);

        // One byte past the limit is read to know whether the body went beyond it.
        var capacity = limit + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferBytes, capacity));
        var length = 0;
        try
        {
            while (true)
            {
                var end = Math.Min(buffer.Length, capacity);
                if (length == end)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, capacity));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    end = Math.Min(buffer.Length, capacity);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, end - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new BodyReadResult(buffer, length, false, null);
                }

                length += read;
                if (encoded && length > options.DecompressionRatioFloorBytes && length > options.MaxDecompressionRatio * Math.Max(1, progress.WireBytes))
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    var wire = progress.WireBytes;
                    return BodyReadResult.Failed(
                        $"decompression bomb: {wire} compressed bytes had inflated to {length} ({length / (double)Math.Max(1, wire):0}x, over the {options.MaxDecompressionRatio:0.#}x limit); body dropped",
                        length);
                }

                if (length > limit)
                {
                    return new BodyReadResult(buffer, limit, true, null);
                }
            }
        }
        catch (Exception)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static List<string> Encodings(HttpContentHeaders headers)
    {
        var encodings = new List<string>();
        foreach (var encoding in headers.ContentEncoding)
        {
            var name = encoding.Trim().ToLowerInvariant();
            if (name.Length > 0 && name != "identity")
            {
                encodings.Add(name);
            }
        }

        return encodings;
    }

    private static Func<Stream, Stream>? DecoderFor(string encoding) => encoding switch
    {
        "gzip" or "x-gzip" => static s => new GZipStream(s, CompressionMode.Decompress),

        // HTTP's "deflate" is the zlib format (RFC 9110), which is also what the handler itself would read.
        "deflate" => static s => new ZLibStream(s, CompressionMode.Decompress),
        "br" => static s => new BrotliStream(s, CompressionMode.Decompress),
        _ => null,
    };
}

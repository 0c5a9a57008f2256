using System.Net.Sockets;
using System.Text;

namespace Crawler.SyntheticSite.Tests.Hostile;

/// <summary>A request over a bare socket, for answers no HTTP client would show as they are.</summary>
internal sealed class RawHttp : IDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream? _stream;

    public static async Task<RawHttp> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        var raw = new RawHttp();
        try
        {
            await raw._client.ConnectAsync(url.Host, url.Port, cancellationToken);
            raw._stream = raw._client.GetStream();
            var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nConnection: close\r\n\r\n";
            await raw._stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
            return raw;
        }
        catch (Exception)
        {
            raw.Dispose();
            throw;
        }
    }

    /// <summary>Reads until <paramref name="enough"/> holds for what came so far, the connection ends, or <paramref name="limit"/> bytes.</summary>
    public async Task<(byte[] Received, bool Ended)> ReadAsync(Func<byte[], bool> enough, int limit, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (received.Count < limit && !enough([.. received]))
        {
            var read = await _stream!.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return ([.. received], true);
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        return ([.. received], false);
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _client.Dispose();
    }
}

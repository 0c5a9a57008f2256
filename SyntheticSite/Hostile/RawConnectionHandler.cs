using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Crawler.SyntheticSite.Hostile;

/// <summary>
/// Kestrel connection middleware that reads each connection's request line before HTTP parsing: it counts the
/// request, and answers the paths Kestrel cannot misbehave on enough (a slowloris header, a lying Content-Length,
/// a reset mid-body, a closed connection for robots.txt) by writing raw bytes. Every other request is left
/// unread for Kestrel. Each connection carries one request, because every HTTP answer says Connection: close.
/// </summary>
internal sealed class RawConnectionHandler(RequestCounter counter, HostileOptions options, CancellationToken stopping)
{
    // Far beyond a crawler's request head; a longer one is left to Kestrel, which rejects it.
    private const int MaxRequestHead = 16 * 1024;

    private static readonly TimeSpan SlowHeaderInterval = TimeSpan.FromSeconds(1);

    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(stopping, connection.ConnectionClosed);
        var token = closing.Token;
        try
        {
            var path = await PeekPathAsync(connection.Transport.Input, token).ConfigureAwait(false);
            if (path is not null)
            {
                counter.Count(path, external: false);
            }

            Func<ConnectionContext, CancellationToken, Task>? raw = path switch
            {
                HostilePaths.SlowHeaders => SlowHeadersAsync,
                HostilePaths.LyingLength => LyingLengthAsync,
                HostilePaths.ResetMidBody => ResetMidBodyAsync,
                HostilePaths.Robots when options.Robots == RobotsBehavior.Unreachable => static (_, _) => Task.CompletedTask,
                _ => null,
            };
            if (raw is null)
            {
                await next(connection).ConfigureAwait(false);
                return;
            }

            // The whole request head is read first: closing a socket with unread input would send a reset, not a close.
            await ConsumeRequestHeadAsync(connection.Transport.Input, token).ConfigureAwait(false);
            await raw(connection, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException or ConnectionAbortedException or SocketException)
        {
            // The client left or the server is stopping: either way there is nobody to misbehave towards.
        }
    }

    private static async Task<string?> PeekPathAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } lineEnd)
            {
                var path = PathOf(buffer.Slice(0, lineEnd));

                // Nothing consumed, nothing examined: Kestrel's own first read sees the request whole and at once.
                input.AdvanceTo(buffer.Start);
                return path;
            }

            if (result.IsCompleted || buffer.Length > MaxRequestHead)
            {
                input.AdvanceTo(buffer.Start);
                return null;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task ConsumeRequestHeadAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n\r\n"u8, advancePastDelimiter: true))
            {
                input.AdvanceTo(reader.Position);
                return;
            }

            if (result.IsCompleted || buffer.Length > MaxRequestHead)
            {
                input.AdvanceTo(buffer.End);
                return;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>The path of a request line such as <c>GET /a?b HTTP/1.1</c>, without its query; null if malformed.</summary>
    private static string? PathOf(ReadOnlySequence<byte> line)
    {
        var text = Encoding.Latin1.GetString(line).TrimEnd('\r');
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !parts[1].StartsWith('/'))
        {
            return null;
        }

        var query = parts[1].IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? parts[1] : parts[1][..query];
    }

    private static async Task SlowHeadersAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var output = connection.Transport.Output;
        var flush = await output.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: "u8.ToArray(), cancellationToken).ConfigureAwait(false);
        var drip = "a"u8.ToArray();

        // Ends when the client goes away (the write completes) or the server stops; never on its own.
        while (!flush.IsCompleted && !flush.IsCanceled)
        {
            await Task.Delay(SlowHeaderInterval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            flush = await output.WriteAsync(drip, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task LyingLengthAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {HostilePaths.LyingContentLength}\r\nConnection: close\r\n\r\n");
        byte[] bytes = [.. Encoding.ASCII.GetBytes(head), .. "<html><bo"u8, (byte)'d'];
        await connection.Transport.Output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);

        // Returning lets Kestrel send what was written and close the connection normally (FIN), as a truncation looks.
        await connection.Transport.Output.CompleteAsync().ConfigureAwait(false);
    }

    private static async Task ResetMidBodyAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var head = string.Create(
            CultureInfo.InvariantCulture,
            $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {HostilePaths.ResetAfterBodyBytes * 10}\r\nConnection: close\r\n\r\n");
        var body = new byte[HostilePaths.ResetAfterBodyBytes];
        body.AsSpan().Fill((byte)'x');
        byte[] bytes = [.. Encoding.ASCII.GetBytes(head), .. body];
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            throw new InvalidOperationException("Kestrel's transport did not expose its socket; a reset cannot be sent.");
        }

        // Written to the socket itself rather than through Kestrel's pipe, so the bytes are in the kernel, on their
        // way, before the reset; a linger of zero then makes Close send RST instead of FIN.
        await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        socket.LingerState = new LingerOption(enable: true, seconds: 0);
        socket.Close();
    }
}

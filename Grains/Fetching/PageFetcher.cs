using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Crawler.Grains.Fetching;

/// <summary>
/// Fetches pages through one shared <see cref="SocketsHttpHandler"/> (pooled connections, HTTP/1.1 and 2,
/// automatic decompression). Redirects are not followed here: the crawler follows each hop as its own URL.
/// Never throws for a network or protocol failure: the response carries a clear error instead.
/// </summary>
public sealed class PageFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly SemaphoreSlim _concurrency;
    private readonly CrawlerOptions _options;
    private readonly TimeProvider _timeProvider;

    public PageFetcher(CrawlerOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        _concurrency = new SemaphoreSlim(options.MaxConcurrentFetches, options.MaxConcurrentFetches);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
        };
        _client = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    }

    /// <summary>Fetches one page; waits for a silo-wide slot first (the global concurrency).</summary>
    public async Task<FetchResponse> FetchAsync(string url, CancellationToken cancellationToken)
    {
        await _concurrency.WaitAsync(cancellationToken);
        var started = _timeProvider.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var contentType = response.Content.Headers.ContentType;
            var (body, length, truncated) = await ReadBodyAsync(response.Content, timeout.Token);
            string? html;
            try
            {
                html = IsHtml(contentType) ? Decode(body.AsSpan(0, length), contentType) : null;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }

            return new FetchResponse
            {
                Status = (int)response.StatusCode,
                ContentType = contentType?.MediaType,
                Location = response.Headers.Location?.OriginalString,
                Html = html,
                Bytes = length,
                ElapsedMs = Elapsed(started),
                Error = truncated ? $"body larger than {_options.MaxBodyBytes} bytes; cut at the limit" : null,
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure(started, $"timed out after {_options.RequestTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return Failure(started, Describe(ex));
        }
        catch (IOException ex)
        {
            return Failure(started, $"connection broken while reading: {ex.Message}");
        }
        finally
        {
            _concurrency.Release();
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _concurrency.Dispose();
    }

    private async Task<(byte[] Body, int Length, bool Truncated)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(_options.MaxBodyBytes, Array.MaxLength - 1);
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= limit)
                    {
                        return (buffer, length, true);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var room = Math.Min(buffer.Length, limit + 1) - length;
                if (room <= 0)
                {
                    return (buffer, Math.Min(length, limit), true);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, room), cancellationToken);
                if (read == 0)
                {
                    return (buffer, length, false);
                }

                length += read;
                if (length > limit)
                {
                    return (buffer, limit, true);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static bool IsHtml(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is null or "text/html" or "application/xhtml+xml";

    private static string Decode(ReadOnlySpan<byte> body, MediaTypeHeaderValue? contentType)
    {
        // A byte order mark outranks the header, as in the WHATWG encoding sniffing rules.
        if (body.StartsWith(Encoding.UTF8.Preamble))
        {
            return Encoding.UTF8.GetString(body[3..]);
        }

        return (CharsetOf(contentType) ?? Encoding.UTF8).GetString(body);
    }

    private static Encoding? CharsetOf(MediaTypeHeaderValue? contentType)
    {
        var charset = contentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            // An unknown charset name falls back to UTF-8, as browsers do for most labels they do not know.
            return null;
        }
    }

    private FetchResponse Failure(long started, string error) =>
        new() { Error = error, ElapsedMs = Elapsed(started) };

    private long Elapsed(long started) => (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;

    private static string Describe(HttpRequestException ex) => ex.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => "host not found (DNS)",
        SocketException socket => $"network error: {socket.SocketErrorCode}",
        IOException io => $"connection broken: {io.Message}",
        _ => ex.HttpRequestError switch
        {
            HttpRequestError.InvalidResponse => "invalid HTTP response",
            HttpRequestError.ResponseEnded => "connection closed before the response ended",
            HttpRequestError.NameResolutionError => "host not found (DNS)",
            HttpRequestError.ConnectionError => $"could not connect: {ex.Message}",
            _ => ex.Message,
        },
    };
}

using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crawler.Runtime.Transport;

/// <summary>
/// Request calls to silos of other processes over HTTP/1.1 on their own ASP.NET Core port: one pooled,
/// kept-alive <see cref="HttpClient"/> for every silo this process calls. Arguments and results travel as
/// <see cref="RuntimeJson"/>, the codec of durable messages, so whatever can be sent durably can be sent here.
/// </summary>
public sealed partial class HttpSiloTransport : ISiloTransport, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new(SiloTransportProtocol.JsonMediaType);

    private readonly HttpClient _client;
    private readonly string? _clusterKey;
    private readonly ILogger _logger;

    public HttpSiloTransport(SiloTransportOptions options, ILogger<HttpSiloTransport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _clusterKey = options.HasClusterKey ? options.ClusterKey : null;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            MaxConnectionsPerServer = options.MaxConnectionsPerSilo,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };

        // The caller's token carries its deadline; HttpClient's own timeout would only cut it shorter.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<object?> InvokeAsync(SiloRecord silo, GrainId grain, int partition, GrainMethod method, IReadOnlyList<object?> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arguments);
        if (string.IsNullOrEmpty(silo.Address) || !Uri.TryCreate(silo.Address, UriKind.Absolute, out var baseAddress))
        {
            throw new SiloUnavailableException($"Silo {silo.SiloId} has no usable address ('{silo.Address}').");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, SiloTransportProtocol.InvokePath))
        {
            Content = new ReadOnlyMemoryContent(WriteRequest(grain, partition, method, arguments)),
        };
        request.Content.Headers.ContentType = JsonContentType;
        if (_clusterKey is not null)
        {
            request.Headers.Add(SiloTransportProtocol.ClusterKeyHeader, _clusterKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // Refused, reset or timed out while connecting: the process is gone or not listening yet.
            Log.SiloUnreachable(_logger, silo.SiloId, silo.Address, ex.Message);
            throw new SiloUnavailableException($"Silo {silo.SiloId} at {silo.Address} cannot be reached: {ex.Message}", ex);
        }

        using (response)
        {
            try
            {
                return await ReadResponseAsync(response, silo, method, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                // The connection broke while the answer was on its way: the silo died mid-call.
                throw new SiloUnavailableException($"Silo {silo.SiloId} at {silo.Address} stopped answering: {ex.Message}", ex);
            }
        }
    }

    public void Dispose() => _client.Dispose();

    private static ReadOnlyMemory<byte> WriteRequest(GrainId grain, int partition, GrainMethod method, IReadOnlyList<object?> arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", grain.Type);
            writer.WriteString("key", grain.Key);
            writer.WriteNumber("partition", partition);
            writer.WriteString("method", method.Id);
            writer.WritePropertyName("arguments");
            GrainArgumentsJson.Write(writer, method, arguments);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static async Task<object?> ReadResponseAsync(HttpResponseMessage response, SiloRecord silo, GrainMethod method, CancellationToken cancellationToken)
    {
        var isJson = response.Content.Headers.ContentType?.MediaType == SiloTransportProtocol.JsonMediaType;
        if (!isJson)
        {
            throw Unexpected(response, silo, "an answer that is not JSON");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            if (!root.TryGetProperty("result", out var result))
            {
                throw Unexpected(response, silo, "an answer without a result");
            }

            return method.ResultType is null ? null : result.Deserialize(method.ResultType, RuntimeJson.Options);
        }

        var kind = root.TryGetProperty("kind", out var k) ? k.GetString() : null;
        var message = root.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
        var remoteSilo = root.TryGetProperty("silo", out var s) ? s.GetString() ?? silo.SiloId : silo.SiloId;
        throw kind switch
        {
            SiloTransportProtocol.PartitionMoved => new PartitionMovedException(message),
            SiloTransportProtocol.SiloStopping => new SiloUnavailableException($"Silo {remoteSilo}: {message}"),
            SiloTransportProtocol.GrainError => new RemoteGrainException(
                root.TryGetProperty("type", out var t) ? t.GetString() ?? "System.Exception" : "System.Exception", message, remoteSilo),
            SiloTransportProtocol.Unauthorized => new UnauthorizedAccessException(
                $"Silo {remoteSilo} refused the call: the cluster key is missing or differs from the silo's (Silo:ClusterKey)."),
            SiloTransportProtocol.BadRequest => new InvalidOperationException($"Silo {remoteSilo} refused the call to {method.Id}: {message}"),
            _ => Unexpected(response, silo, $"error kind '{kind}'"),
        };
    }

    private static InvalidOperationException Unexpected(HttpResponseMessage response, SiloRecord silo, string what) =>
        new($"Silo {silo.SiloId} at {silo.Address} answered HTTP {(int)response.StatusCode} with {what}; is it a silo that maps the silo transport (MapSiloTransport)?");
}

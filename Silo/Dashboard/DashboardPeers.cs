using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Runtime.Transport;
using Crawler.Silo.Logging;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// Asks other silos for their dashboard snapshot and their new log lines over their internal endpoints
/// (<see cref="PeerPath"/>, <see cref="LogPath"/>, guarded by the cluster key as <c>/_silo/invoke</c> is), each with a
/// short deadline, so one hung silo never stalls the page.
/// </summary>
internal sealed class DashboardPeers : IDisposable
{
    public const string PeerPath = "/_silo/dashboard";
    public const string GrainPath = "/_silo/dashboard/grain";
    public const string LogPath = "/_silo/dashboard/logs";

    /// <summary>The transport's header (its constant is internal to the runtime).</summary>
    public const string ClusterKeyHeader = "X-Crawler-Cluster-Key";

    private readonly HttpClient _client;
    private readonly string? _clusterKey;

    public DashboardPeers(SiloTransportOptions transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _clusterKey = transport.HasClusterKey ? transport.ClusterKey : null;
        _client = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = transport.ConnectTimeout,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Task<SiloSnapshot?> SnapshotAsync(string address, TimeSpan timeout, CancellationToken cancellationToken) =>
        GetAsync<SiloSnapshot>(address, PeerPath, timeout, cancellationToken);

    public async Task<bool?> IsActiveAsync(string address, string type, string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = $"{GrainPath}?type={Uri.EscapeDataString(type)}&key={Uri.EscapeDataString(key)}";
        var answer = await GetAsync<JsonElement>(address, path, timeout, cancellationToken);
        return answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("active", out var active) ? active.GetBoolean() : null;
    }

    /// <summary>The peer's log lines after <paramref name="from"/> (all it keeps when null or of another instance), at most <paramref name="max"/>.</summary>
    public Task<LogSlice?> LogsAsync(string address, LogPosition? from, int max, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{LogPath}?after={from?.Sequence ?? 0}&max={max}");
        if (from is not null)
        {
            path += $"&instance={Uri.EscapeDataString(from.Instance)}";
        }

        return GetAsync<LogSlice>(address, path, timeout, cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    /// <exception cref="HttpRequestException">The peer could not be reached or refused.</exception>
    /// <exception cref="TimeoutException">The peer did not answer within <paramref name="timeout"/>.</exception>
    private async Task<T?> GetAsync<T>(string address, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var baseAddress))
        {
            throw new HttpRequestException($"'{address}' is not an address.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, path));
        if (_clusterKey is not null)
        {
            request.Headers.Add(ClusterKeyHeader, _clusterKey);
        }

        try
        {
            using var response = await _client.SendAsync(request, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
            }

            return await response.Content.ReadFromJsonAsync<T>(DashboardJson.Options, deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer within {timeout.TotalSeconds:0.#} s", ex);
        }
        catch (JsonException ex)
        {
            throw new HttpRequestException($"an answer that is not what was asked: {ex.Message}", ex);
        }
    }
}

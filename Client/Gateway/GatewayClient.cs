using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Crawler.Client.Crawling;
using Crawler.Grains.Interfaces;

namespace Crawler.Client.Gateway;

/// <summary>
/// The CLI's HTTP client for a silo's gateway: submit, status, cancel, cluster view and the NDJSON results stream.
/// Every failure becomes a <see cref="GatewayException"/> with a message fit for one line: unreachable, key refused,
/// no such job, no answer in time, or not a gateway at all.
/// </summary>
internal sealed class GatewayClient : IJobConnection, IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private readonly HttpClient _http;
    private readonly bool _hasApiKey;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeProvider _time;

    /// <param name="gateway">The silo's base URL (http or https).</param>
    /// <param name="apiKey">Sent as <c>X-Api-Key</c> when set.</param>
    /// <param name="handler">The HTTP handler; null for a plain one with a 10 s connect timeout.</param>
    /// <param name="requestTimeout">How long one request may take to answer (a followed stream only to start). Default 30 s.</param>
    /// <param name="timeProvider">The clock of that timeout.</param>
    public GatewayClient(Uri gateway, string? apiKey, HttpMessageHandler? handler = null, TimeSpan? requestTimeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        Gateway = gateway.AbsoluteUri.EndsWith('/') ? gateway : new Uri(gateway.AbsoluteUri + "/");
        _requestTimeout = requestTimeout ?? DefaultRequestTimeout;
        _time = timeProvider ?? TimeProvider.System;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = ConnectTimeout }, disposeHandler: true)
        {
            BaseAddress = Gateway,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _hasApiKey = !string.IsNullOrEmpty(apiKey);
        if (_hasApiKey)
        {
            _http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }
    }

    public Uri Gateway { get; }

    public Task<JobStatus> StartAsync(string jobId, CrawlJobSpec spec, CancellationToken cancellationToken) =>
        SendAsync<JobStatus>(HttpMethod.Post, "api/jobs", new JobSubmission(spec, jobId), cancellationToken);

    public Task<JobStatus> GetStatusAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync<JobStatus>(HttpMethod.Get, JobPath(jobId), null, cancellationToken);

    public Task<JobStatus> CancelAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync<JobStatus>(HttpMethod.Post, JobPath(jobId) + "/cancel", null, cancellationToken);

    public Task<JobStatus> PauseAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync<JobStatus>(HttpMethod.Post, JobPath(jobId) + "/pause", null, cancellationToken);

    public Task<JobStatus> ResumeAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync<JobStatus>(HttpMethod.Post, JobPath(jobId) + "/resume", null, cancellationToken);

    public Task<ClusterView> GetClusterAsync(CancellationToken cancellationToken) =>
        SendAsync<ClusterView>(HttpMethod.Get, "api/cluster", null, cancellationToken);

    public async IAsyncEnumerable<CrawlResult> StreamResultsAsync(
        string jobId,
        long offset,
        bool follow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = $"{JobPath(jobId)}/results?offset={offset}&follow={(follow ? "true" : "false")}";
        using var response = await CallAsync(HttpMethod.Get, path, null, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        long read = 0;
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new GatewayException($"the results stream from {Gateway} broke off after {read:N0} results (at offset {offset + read})", ex);
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length == 0)
            {
                continue;
            }

            yield return Parse<CrawlResult>(line);
            read++;
        }
    }

    public void Dispose() => _http.Dispose();

    private static string JobPath(string jobId) => $"api/jobs/{Uri.EscapeDataString(jobId)}";

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(method, path, body, cancellationToken);
        using var timer = new CancellationTokenSource(_requestTimeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return Parse<T>(await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayException($"the gateway at {Gateway} did not answer within {_requestTimeout.TotalSeconds:N0} s");
        }
        catch (HttpRequestException ex)
        {
            throw new GatewayException($"the connection to the gateway at {Gateway} broke: {ex.Message}", ex);
        }
    }

    /// <summary>Sends the request and returns the response once its headers are in and its status is a success.</summary>
    private async Task<HttpResponseMessage> CallAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(_requestTimeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : JsonContent.Create(body, options: GatewayJson.Options),
        };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayException($"the gateway at {Gateway} did not answer within {_requestTimeout.TotalSeconds:N0} s");
        }
        catch (HttpRequestException ex)
        {
            throw new GatewayException($"cannot reach the gateway at {Gateway}: {ex.Message}", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await RefusalAsync(response, timeout.Token);
        }
    }

    private async Task<GatewayException> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? detail = null;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(GatewayJson.Options, cancellationToken);
            if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("detail", out var text) && text.ValueKind == JsonValueKind.String)
            {
                detail = text.GetString();
            }
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException or NotSupportedException or OperationCanceledException)
        {
            // No problem document: the status alone has to say it.
        }

        var status = response.StatusCode;
        var message = status switch
        {
            HttpStatusCode.Unauthorized when _hasApiKey => $"the gateway at {Gateway} refused the API key",
            HttpStatusCode.Unauthorized => $"the gateway at {Gateway} needs an API key: pass --api-key or set CRAWLER_API_KEY",
            HttpStatusCode.NotFound when detail is null => $"{Gateway} has no crawler gateway here (404); is it a silo's address?",
            _ when detail is not null => detail,
            _ => $"the gateway at {Gateway} answered {(int)status} {response.ReasonPhrase}",
        };
        return new GatewayException(message, status);
    }

    private T Parse<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, GatewayJson.Options)
                ?? throw new GatewayException($"the gateway at {Gateway} answered null where a {typeof(T).Name} was expected");
        }
        catch (JsonException ex)
        {
            throw new GatewayException($"the gateway at {Gateway} answered something that is not a crawler gateway's JSON: {ex.Message}", ex);
        }
    }
}

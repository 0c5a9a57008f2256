using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Crawler.Grains.Fetching;

/// <summary>
/// Fetches pages for the crawler and stands up to hostile servers. Redirects are not followed here: the crawler
/// follows each hop as its own URL. Never throws for a network, protocol or content problem: the response carries a
/// one-line error instead. Every path keeps memory bounded: bodies stop at <see cref="CrawlerOptions.MaxBodyBytes"/>
/// after decompression, decompression bombs are caught by their ratio, headers must arrive within
/// <see cref="CrawlerOptions.HeaderTimeout"/> and the whole attempt within <see cref="CrawlerOptions.RequestTimeout"/>.
/// Timeouts, connection failures, 5xx and 429 are retried with jittered exponential backoff, or after the server's
/// Retry-After; each origin has a circuit breaker so a dead host fails fast instead of being retried in a storm.
/// Loopback, private and metadata addresses are refused unless the fetch's <see cref="FetchPolicy"/> allows them.
/// </summary>
public sealed partial class PageFetcher : IDisposable
{
    private static readonly ResiliencePropertyKey<FetchRun> RunKey = new("Crawler.FetchRun");

    // One client per set of allowed address kinds (a job's policy), so no pooled connection is shared across them.
    private readonly ConcurrentDictionary<int, Lazy<HttpClient>> _clients = new();
    private readonly SemaphoreSlim _concurrency;
    private readonly CrawlerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly HostPipelines _pipelines;

    public PageFetcher(CrawlerOptions options, TimeProvider timeProvider)
        : this(options, timeProvider, NullLogger<PageFetcher>.Instance)
    {
    }

    public PageFetcher(CrawlerOptions options, TimeProvider timeProvider, ILogger<PageFetcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _concurrency = new SemaphoreSlim(options.MaxConcurrentFetches, options.MaxConcurrentFetches);
        _pipelines = new HostPipelines(CreatePipeline);
    }

    /// <summary>Sees every retry before its wait; tests use it to learn the delay chosen.</summary>
    internal Action<FetchRetry>? RetryObserver { get; set; }

    /// <summary>The per-origin circuits, for tests.</summary>
    internal HostPipelines Pipelines => _pipelines;

    /// <summary>
    /// Fetches one page, retrying what is worth retrying. Each attempt waits for a silo-wide slot (the global
    /// concurrency); the waits between attempts hold none.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<FetchResponse> FetchAsync(string url, FetchPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(policy);
        cancellationToken.ThrowIfCancellationRequested();
        var started = _timeProvider.GetTimestamp();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return new FetchResponse { Error = $"not an http or https URL: '{Shorten(url)}'", ElapsedMs = Elapsed(started) };
        }

        var run = new FetchRun(uri, OriginOf(uri), policy);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        Outcome<FetchAttempt> outcome;
        try
        {
            context.Properties.Set(RunKey, run);
            outcome = await _pipelines.For(run.Origin).ExecuteOutcomeAsync(
                static (context, state) => state.Fetcher.AttemptAsync(context, state.Run),
                context,
                (Fetcher: this, Run: run));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        FetchResponse response;
        string? error;
        if (outcome.Exception is BrokenCircuitException broken)
        {
            response = run.Last?.Response ?? new FetchResponse();
            var wait = broken.RetryAfter is { } retryAfter ? $"; fetches to it fail fast for {Seconds(retryAfter)}" : string.Empty;
            error = $"circuit open for host {run.Origin}: too many failures{wait}";
        }
        else
        {
            // Only the caller's cancellation is an exception here: every failure of the network or the content is a response.
            outcome.ThrowIfException();
            var attempt = outcome.Result!;
            response = attempt.Response;
            error = attempt.ShouldRetry ? GaveUp(attempt, run.Attempts) : response.Error;
        }

        return response with
        {
            Attempts = run.Attempts,
            RetryAfter = run.LastRetryAfter,
            ElapsedMs = Elapsed(started),
            Error = error,
        };
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _concurrency.Dispose();
    }

    private async ValueTask<Outcome<FetchAttempt>> AttemptAsync(ResilienceContext context, FetchRun run)
    {
        try
        {
            await _concurrency.WaitAsync(context.CancellationToken);
            FetchAttempt attempt;
            try
            {
                attempt = await SendAsync(run, context.CancellationToken);
            }
            finally
            {
                _concurrency.Release();
            }

            run.Record(attempt);
            return Outcome.FromResult(attempt);
        }
        catch (OperationCanceledException ex)
        {
            return Outcome.FromException<FetchAttempt>(ex);
        }
    }

    private async Task<FetchAttempt> SendAsync(FetchRun run, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var progress = new ReadProgress();
        using var total = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var headerDeadline = new CancellationTokenSource(_options.HeaderTimeout, _timeProvider);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token, headerDeadline.Token);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token);
        FetchResponse? head = null;
        long? contentLength = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, run.Uri);
            request.Options.Set(FetchPolicy.OptionKey, run.Policy);
            var client = ClientFor(run.Policy);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, sending.Token);

            // The header deadline is over once headers are in; from here only the whole-attempt timeout runs.
            headerDeadline.CancelAfter(Timeout.InfiniteTimeSpan);
            var contentType = response.Content.Headers.ContentType;
            contentLength = response.Content.Headers.ContentLength;
            head = new FetchResponse
            {
                Status = (int)response.StatusCode,
                ContentType = contentType?.MediaType,
                Location = response.Headers.Location?.OriginalString,
            };
            var retryAfter = head.Status is 429 or >= 500 ? RetryAfterOf(response.Headers.RetryAfter) : null;
            var body = await BodyReader.ReadAsync(response.Content, _options, progress, reading.Token);
            try
            {
                var html = body.Error is null && IsHtml(contentType) ? CharsetDetector.Decode(body.Span, contentType?.CharSet) : null;
                var error = body.Error ?? (body.Truncated ? $"body larger than {_options.MaxBodyBytes} bytes; cut at the limit" : null);
                var raw = run.Policy.KeepBody && body.Error is null ? body.Span.ToArray() : null;
                var exchange = run.Policy.Archive && body.Error is null
                    ? HttpHeads.Exchange(client, request, response, body.Span.ToArray(), body.Truncated, _timeProvider.GetUtcNow())
                    : null;
                return new FetchAttempt(head with { Html = html, Body = raw, Bytes = body.Length, ElapsedMs = Elapsed(started), Error = error, Exchange = exchange }, false, retryAfter);
            }
            finally
            {
                body.Return();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var error = head is null && headerDeadline.IsCancellationRequested ? $"no response headers within {Seconds(_options.HeaderTimeout)}"
                : total.IsCancellationRequested ? $"timed out after {Seconds(_options.RequestTimeout)}{(head is null ? string.Empty : " while reading the body")}"
                : $"could not connect within {Seconds(_options.ConnectTimeout)}";
            return Failed(head, started, error, transient: true);
        }
        catch (HttpRequestException ex)
        {
            var (error, transient) = Describe(ex);
            var failed = Failed(head, started, error, transient);
            return FindInner<PrivateAddressRefusedException>(ex) is null ? failed : failed with { Response = failed.Response with { AddressRefused = true } };
        }
        catch (HttpIOException ex) when (ex.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            var of = contentLength is { } expected ? $" of {expected}" : string.Empty;
            return Failed(head, started, $"connection closed after {progress.WireBytes}{of} body bytes", transient: true);
        }
        catch (IOException ex) when (FindInner<SocketException>(ex) is { SocketErrorCode: SocketError.ConnectionReset })
        {
            return Failed(head, started, $"connection reset after {progress.WireBytes} body bytes", transient: true);
        }
        catch (InvalidDataException ex)
        {
            return Failed(head, started, $"invalid compressed body: {ex.Message}", transient: false);
        }
        catch (IOException ex)
        {
            return Failed(head, started, $"connection broken while reading the body: {ex.Message}", transient: true);
        }
    }

    private FetchAttempt Failed(FetchResponse? head, long started, string error, bool transient) =>
        new((head ?? new FetchResponse()) with { ElapsedMs = Elapsed(started), Error = error }, transient, null);

    private HostPipeline CreatePipeline(string origin)
    {
        var circuit = new CircuitBreakerStateProvider();
        var builder = new ResiliencePipelineBuilder<FetchAttempt> { TimeProvider = _timeProvider };
        if (_options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<FetchAttempt>
            {
                MaxRetryAttempts = _options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryDelay,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result?.ShouldRetry == true),

                // Null leaves the jittered backoff; a Retry-After replaces it, capped so a server cannot park the fetch.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.RetryAfter is { } retryAfter ? (TimeSpan?)Min(retryAfter, _options.MaxRetryDelay) : null),
                OnRetry = args =>
                {
                    var url = args.Context.Properties.TryGetValue(RunKey, out var run) ? run.Uri.OriginalString : origin;
                    var failed = args.Outcome.Result?.Response;
                    var reason = failed?.Error ?? $"HTTP {failed?.Status}";
                    Log.Retrying(_logger, url, args.AttemptNumber + 1, reason, args.RetryDelay);
                    RetryObserver?.Invoke(new FetchRetry(url, args.AttemptNumber + 1, args.RetryDelay, failed?.Status, args.Outcome.Result?.RetryAfter));
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<FetchAttempt>
        {
            FailureRatio = _options.CircuitBreakerFailureRatio,
            MinimumThroughput = _options.CircuitBreakerMinimumThroughput,
            SamplingDuration = _options.CircuitBreakerSamplingDuration,
            BreakDuration = _options.CircuitBreakerBreakDuration,
            StateProvider = circuit,
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result?.ShouldRetry == true),
            OnOpened = args =>
            {
                Log.CircuitOpened(_logger, origin, args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                Log.CircuitClosed(_logger, origin);
                return ValueTask.CompletedTask;
            },
        });
        return new HostPipeline(builder.Build(), circuit);
    }

    private HttpClient ClientFor(FetchPolicy policy)
    {
        var allowed = policy with { KeepBody = false };
        return _clients.GetOrAdd(allowed.AllowedMask, static (_, state) => new Lazy<HttpClient>(() => state.Fetcher.CreateClient(state.Allowed)), (Fetcher: this, Allowed: allowed)).Value;
    }

    private HttpClient CreateClient(FetchPolicy allowed)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,

            // The body reader decompresses, because only there can the compressed bytes be counted.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _options.ConnectTimeout,
            ConnectCallback = GuardedConnector.For(allowed),

            // Through a proxy the connect callback would check the proxy's address, not the site's.
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            UseCookies = false,
            EnableMultipleHttp2Connections = true,

            // A body abandoned at the limit is not drained for long: a hostile server's bytes are not worth a connection.
            MaxResponseDrainSize = 64 * 1024,
        };
        var client = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br");
        return client;
    }

    private TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string GaveUp(FetchAttempt attempt, int attempts)
    {
        var after = attempts > 1 ? $" after {attempts} attempts" : string.Empty;
        if (attempt.Response.Error is { } error)
        {
            return attempts > 1 ? $"{error} (gave up{after})" : error;
        }

        var retryAfter = attempt.RetryAfter is { } wait ? $"; Retry-After {Seconds(wait)}" : string.Empty;
        return $"HTTP {attempt.Response.Status}{after}{retryAfter}";
    }

    private static (string Error, bool Transient) Describe(HttpRequestException ex)
    {
        if (FindInner<PrivateAddressRefusedException>(ex) is { } refused)
        {
            return (refused.Message, false);
        }

        return FindInner<SocketException>(ex) switch
        {
            { SocketErrorCode: SocketError.ConnectionRefused } => ("connection refused", true),
            { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => ("host not found (DNS)", false),
            { SocketErrorCode: SocketError.ConnectionReset } => ("connection reset before the response", true),
            { } socket => ($"network error: {socket.SocketErrorCode}", true),
            null => ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => ("host not found (DNS)", false),
                HttpRequestError.ResponseEnded => ("connection closed before the response headers ended", true),
                HttpRequestError.ConfigurationLimitExceeded => ("response headers too large", false),
                HttpRequestError.InvalidResponse => ($"invalid HTTP response: {ex.Message}", false),
                HttpRequestError.SecureConnectionError => ($"TLS failed: {ex.Message}", false),
                HttpRequestError.ConnectionError => ($"could not connect: {ex.Message}", true),
                _ => (ex.Message, true),
            },
        };
    }

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>A missing Content-Type is sniffed as HTML, as a browser would.</summary>
    private static bool IsHtml(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is null or "text/html" or "application/xhtml+xml";

    private static string OriginOf(Uri uri) => $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###} s";

    private static string Shorten(string url) => url.Length <= 200 ? url : url[..200] + "…";

    private long Elapsed(long started) => (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
}

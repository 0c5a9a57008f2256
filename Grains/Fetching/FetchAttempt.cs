namespace Crawler.Grains.Fetching;

/// <summary>One request of a fetch, as the retry and circuit-breaker strategies judge it.</summary>
/// <param name="Response">What the attempt gave.</param>
/// <param name="TransientFailure">A timeout or connection failure, which another attempt may not meet.</param>
/// <param name="RetryAfter">The server's Retry-After, as a wait from now.</param>
internal sealed record FetchAttempt(FetchResponse Response, bool TransientFailure, TimeSpan? RetryAfter)
{
    /// <summary>Worth another attempt, and a mark against the host: timeouts, connection failures, 5xx and 429.</summary>
    public bool ShouldRetry => TransientFailure || Response.Status is 429 or (>= 500 and <= 599);
}

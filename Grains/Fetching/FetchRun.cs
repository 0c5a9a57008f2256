namespace Crawler.Grains.Fetching;

/// <summary>The state of one fetch across its attempts, which the final response is built from.</summary>
internal sealed class FetchRun(Uri uri, string origin, FetchPolicy policy)
{
    public Uri Uri { get; } = uri;

    /// <summary><c>scheme://host:port</c>, the key of the host's circuit.</summary>
    public string Origin { get; } = origin;

    public FetchPolicy Policy { get; } = policy;

    public int Attempts { get; private set; }

    public FetchAttempt? Last { get; private set; }

    /// <summary>The latest Retry-After of any attempt: a later attempt without one does not erase it.</summary>
    public TimeSpan? LastRetryAfter { get; private set; }

    public void Record(FetchAttempt attempt)
    {
        Attempts++;
        Last = attempt;
        LastRetryAfter = attempt.RetryAfter ?? LastRetryAfter;
    }
}

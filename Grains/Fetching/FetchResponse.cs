namespace Crawler.Grains.Fetching;

/// <summary>What one HTTP fetch gave, after its retries: a status and body, or a clear error.</summary>
public sealed record FetchResponse
{
    public int? Status { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The Location header of a redirect, as sent.</summary>
    public string? Location { get; init; }

    /// <summary>The decoded body, for HTML responses only.</summary>
    public string? Html { get; init; }

    /// <summary>Body bytes read (after decompression).</summary>
    public long Bytes { get; init; }

    /// <summary>Time for the whole fetch, retries and the waits between them included.</summary>
    public long ElapsedMs { get; init; }

    /// <summary>One line saying what went wrong, or null. Also set for a body cut at the limit and for a 5xx or 429 that outlasted the retries.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Attempts made, retries included; one refused before connecting (a private address) counts. 0 when none was:
    /// the host's circuit was open, or the URL is not http(s).
    /// </summary>
    public int Attempts { get; init; }

    /// <summary>The fetch's network policy refused every address of the host (loopback, private, metadata...); nothing was sent.</summary>
    public bool AddressRefused { get; init; }

    /// <summary>The raw body (after decompression), when the policy asked to keep it.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The request and response as a WARC archive keeps them, when the policy asked (<see cref="FetchPolicy.Archive"/>).</summary>
    public Archiving.HttpExchange? Exchange { get; init; }

    /// <summary>The last Retry-After the server sent (a date already turned into a wait), so the host can be paused that long.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public bool IsRedirect => Status is 301 or 302 or 303 or 307 or 308 && Location is not null;

    public bool IsSuccess => Status is >= 200 and < 300;
}

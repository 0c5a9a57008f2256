namespace Crawler.Grains.Fetching;

/// <summary>What one HTTP fetch gave: a status and body, or a clear error.</summary>
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

    public long ElapsedMs { get; init; }

    public string? Error { get; init; }

    public bool IsRedirect => Status is 301 or 302 or 303 or 307 or 308 && Location is not null;

    public bool IsSuccess => Status is >= 200 and < 300;
}

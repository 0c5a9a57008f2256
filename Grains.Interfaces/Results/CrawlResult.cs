namespace Crawler.Grains.Interfaces;

/// <summary>One fetched URL: a line of the results file (JSON Lines).</summary>
public sealed record CrawlResult
{
    public required string Url { get; init; }

    /// <summary>Where the content came from; for a redirect, where it points (followed as its own URL).</summary>
    public required string FinalUrl { get; init; }

    /// <summary>HTTP status, or null when no response came (the error says why).</summary>
    public int? Status { get; init; }

    public string? ContentType { get; init; }

    public string? Title { get; init; }

    public int Depth { get; init; }

    public string? Parent { get; init; }

    /// <summary>Links found on the page (before scope and deduplication).</summary>
    public int LinksFound { get; init; }

    public long Bytes { get; init; }

    public long FetchMs { get; init; }

    /// <summary>
    /// Null, or a clear message: why the fetch failed, why the URL was not fetched (robots.txt, a spider-trap guard, a
    /// refused address), or which limit cut the page short (body size, links per page).
    /// </summary>
    public string? Error { get; init; }

    /// <summary>HTTP requests the fetch took, retries included; 0 when none was sent.</summary>
    public int Attempts { get; init; }

    /// <summary>The page's <c>&lt;meta name=robots&gt;</c> says noindex (or none): its owner asks that it not be indexed.</summary>
    public bool NoIndex { get; init; }

    /// <summary>The page's <c>link rel=canonical</c>, resolved and normalized; null when it has none.</summary>
    public string? Canonical { get; init; }

    public DateTimeOffset FetchedAt { get; init; }
}

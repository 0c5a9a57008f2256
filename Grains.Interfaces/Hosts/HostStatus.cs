namespace Crawler.Grains.Interfaces;

/// <summary>A host's politeness state, for status views and tests.</summary>
public sealed record HostStatus
{
    public required string Host { get; init; }

    public int InFlight { get; init; }

    public int Waiting { get; init; }

    public long Fetches { get; init; }

    public long Errors { get; init; }

    /// <summary>The delay the adaptive mode currently asks for between request starts.</summary>
    public TimeSpan AdaptiveDelay { get; init; }

    /// <summary>No request starts before this time (the last start plus the delay, or a Retry-After pause).</summary>
    public DateTimeOffset NotBefore { get; init; }

    /// <summary>"not fetched", "ok", or why robots.txt could not be had (then nothing is fetched until a retry).</summary>
    public string RobotsStatus { get; init; } = "not fetched";

    /// <summary>The fetcher's circuit breaker for the host: "closed" (fetching), "open" (failing fast), "halfopen" or "isolated".</summary>
    public string Circuit { get; init; } = "closed";
}

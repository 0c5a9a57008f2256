namespace Crawler.Grains.Interfaces;

/// <summary>How a fetch went, told to its host when the slot is given back: it drives the adaptive delay and pauses.</summary>
public sealed record FetchOutcome(long ElapsedMs, bool Failed, TimeSpan? RetryAfter)
{
    public static FetchOutcome NotFetched { get; } = new(0, false, null);
}

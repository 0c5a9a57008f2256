namespace Crawler.Grains.Fetching;

/// <summary>A retry the fetcher has scheduled, reported to <see cref="PageFetcher.RetryObserver"/> before it waits.</summary>
/// <param name="Url">The URL fetched.</param>
/// <param name="Attempt">The attempt that failed, from 1.</param>
/// <param name="Delay">The wait before the next attempt: the capped Retry-After when the server sent one, else the backoff.</param>
/// <param name="Status">The failed attempt's status, if it got one.</param>
/// <param name="RetryAfter">The failed attempt's Retry-After, if any.</param>
internal sealed record FetchRetry(string Url, int Attempt, TimeSpan Delay, int? Status, TimeSpan? RetryAfter);

namespace Crawler.Grains.Interfaces;

/// <summary>
/// A URL asking its host for a fetch slot, with its job's politeness settings. The host applies the strictest
/// of what its callers ask, what robots.txt says and what the host itself signalled (Retry-After).
/// </summary>
/// <param name="MaxConcurrency">The job's fetches at once to one host.</param>
/// <param name="MinDelay">The job's least time between request starts on one host.</param>
/// <param name="Adaptive">Whether the job slows down as the host's latency and errors rise.</param>
/// <param name="PathAndQuery">What robots.txt is asked about.</param>
/// <param name="RespectRobots">Whether the job obeys robots.txt.</param>
/// <param name="JobId">The asking job, whose network policy a robots.txt fetch for it obeys; null: public addresses only.</param>
/// <param name="AnswerBy">
/// When the asker stops waiting for the answer (null: the host's own longest wait). The host answers "busy" by then
/// at the latest, so it never grants a slot to a caller that has given up (a call delayed on its way, by a silo that
/// froze or a partition that moved, would otherwise leave the slot taken for good).
/// </param>
public sealed record SlotRequest(
    int MaxConcurrency, TimeSpan MinDelay, bool Adaptive, string PathAndQuery = "/", bool RespectRobots = true, string? JobId = null, DateTimeOffset? AnswerBy = null);

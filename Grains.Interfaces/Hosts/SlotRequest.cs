namespace Crawler.Grains.Interfaces;

/// <summary>
/// A URL asking its host for a fetch slot, with its job's politeness settings. The host applies the strictest
/// of what its callers ask, what robots.txt says and what the host itself signalled (Retry-After).
/// </summary>
public sealed record SlotRequest(int MaxConcurrency, TimeSpan MinDelay, bool Adaptive, string PathAndQuery = "/", bool RespectRobots = true);

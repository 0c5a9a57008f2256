namespace Crawler.Runtime.Substrate;

/// <summary>A record a turn appends to a durable, append-only stream (job results, for one).</summary>
public sealed record StreamAppend(string Stream, object Record);

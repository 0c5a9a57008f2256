namespace Crawler.Runtime.Substrate;

/// <summary>A record a turn appends to a durable, append-only stream (job results, for one).</summary>
public sealed record StreamAppend(string Stream, object Record)
{
    /// <summary>The record as JSON, written when a grain appended it; a substrate that stores JSON uses it.</summary>
    internal string? Json { get; init; }
}

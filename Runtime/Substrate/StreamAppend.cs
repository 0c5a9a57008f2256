namespace Crawler.Runtime.Substrate;

/// <summary>A record a turn appends to a durable, append-only stream (job results, for one).</summary>
public sealed record StreamAppend(string Stream, object Record)
{
    /// <summary>The record's type as stored (<see cref="StreamRecordTypes"/>), found when a grain appended it.</summary>
    internal string? TypeName { get; init; }

    /// <summary>The record as JSON, written when a grain appended it; a substrate that stores JSON uses it.</summary>
    internal string? Json { get; init; }
}

namespace Crawler.Grains.Interfaces;

/// <summary>
/// What one URL turn adds to its job's counters. Deltas only add up, so any number of them can be merged
/// before they reach the job. The job is complete when every link sent has been answered
/// (<c>Sent == Accepted + Duplicates</c>) and every accepted URL has finished (<c>Accepted == Done + Skipped</c>).
/// </summary>
public sealed record ProgressDelta
{
    /// <summary>Discovery messages sent to URL grains (links followed).</summary>
    public int Sent { get; init; }

    /// <summary>URLs that were new to the job.</summary>
    public int Accepted { get; init; }

    /// <summary>Discoveries of URLs the job already had.</summary>
    public int Duplicates { get; init; }

    public int Done { get; init; }

    public int Failed { get; init; }

    public int Skipped { get; init; }

    public long Bytes { get; init; }

    /// <summary>HTTP status of the page done, if it got one.</summary>
    public int? StatusCode { get; init; }
}

namespace Crawler.Grains.Interfaces;

/// <summary>
/// What one URL turn adds to its job's counters. Deltas only add up, so any number of them can be merged
/// before they reach the job. The job is complete when every link sent has been answered
/// (<c>Sent == Accepted + Duplicates</c>), every accepted URL has finished (<c>Accepted == Done + Skipped</c>) and,
/// with sitemaps, every seed host has sent its sitemaps' URLs.
/// </summary>
public sealed record ProgressDelta
{
    /// <summary>Discovery messages sent to URL grains (links followed).</summary>
    public int Sent { get; init; }

    /// <summary>URLs that were new to the job.</summary>
    public int Accepted { get; init; }

    /// <summary>Discoveries of URLs the job already had.</summary>
    public int Duplicates { get; init; }

    /// <summary>URLs that got in line again (their host was busy, or the job paused): also counted in Sent and Duplicates.</summary>
    public int Requeued { get; init; }

    /// <summary>URLs finished with a result: fetched, or refused by robots.txt or a spider-trap guard (the result says why).</summary>
    public int Done { get; init; }

    public int Failed { get; init; }

    public int Skipped { get; init; }

    public long Bytes { get; init; }

    /// <summary>Seed hosts whose sitemaps were read and whose URLs are counted in <see cref="Sent"/>.</summary>
    public int SitemapHostsDone { get; init; }

    /// <summary>HTTP status of the page done, if it got one.</summary>
    public int? StatusCode { get; init; }
}

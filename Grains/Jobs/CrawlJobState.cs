using Crawler.Grains.Interfaces;

namespace Crawler.Grains.Jobs;

/// <summary>A job's persistent counters; see <see cref="ProgressDelta"/> for how completion follows from them.</summary>
public sealed class CrawlJobState
{
    public JobState State { get; set; }

    public CrawlJobSpec? Spec { get; set; }

    public long Sent { get; set; }

    public long Accepted { get; set; }

    public long Duplicates { get; set; }

    public long Requeued { get; set; }

    public long Started { get; set; }

    public long Done { get; set; }

    public long Failed { get; set; }

    public long Skipped { get; set; }

    public long Bytes { get; set; }

    /// <summary>Seed hosts asked to read their sitemaps (zero without <see cref="CrawlJobSpec.UseSitemaps"/>).</summary>
    public int SitemapHosts { get; set; }

    /// <summary>Seed hosts that have sent their sitemaps' URLs.</summary>
    public int SitemapHostsDone { get; set; }

    public Dictionary<int, long> StatusCodes { get; set; } = [];

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

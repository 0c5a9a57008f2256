using Crawler.Grains.Interfaces;

namespace Crawler.Client.Crawling;

/// <summary>A crawl as the command line asked for it, validated.</summary>
internal sealed record CrawlSettings
{
    public required CrawlJobSpec Spec { get; init; }

    public required string JobId { get; init; }

    public string? OutputPath { get; init; }

    public ResultFormat OutputFormat { get; init; }

    /// <summary>Where to write the summary JSON at the end, or null.</summary>
    public string? SummaryPath { get; init; }

    public int Concurrency { get; init; }

    /// <summary>The embedded silo's User-Agent.</summary>
    public string UserAgent { get; init; } = Grains.Fetching.CrawlerOptions.DefaultUserAgent;

    public string? LogFile { get; init; }

    public bool Quiet { get; init; }

    /// <summary>Where the embedded silo serves its dashboard (a loopback URL); null for none.</summary>
    public string? Dashboard { get; init; }

    /// <summary>Continue the job already in the database instead of starting it; <see cref="Spec"/> is then not used.</summary>
    public bool Resume { get; init; }
}

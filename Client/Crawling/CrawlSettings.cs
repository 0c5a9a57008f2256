using Crawler.Grains.Interfaces;

namespace Crawler.Client.Crawling;

/// <summary>A crawl as the command line asked for it, validated.</summary>
internal sealed record CrawlSettings
{
    public required CrawlJobSpec Spec { get; init; }

    public required string JobId { get; init; }

    public string? OutputPath { get; init; }

    public int Concurrency { get; init; }

    public string? LogFile { get; init; }

    public bool Quiet { get; init; }
}

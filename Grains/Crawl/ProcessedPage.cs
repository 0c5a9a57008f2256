using Crawler.Grains.Interfaces;

namespace Crawler.Grains.Crawl;

/// <summary>A fetched page's result and the follow-up URLs it schedules (normalized, in scope, deduplicated).</summary>
public sealed record ProcessedPage(CrawlResult Result, IReadOnlyList<(string Url, Discovery Discovery)> FollowUps);

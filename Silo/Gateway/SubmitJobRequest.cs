using Crawler.Grains.Interfaces;

namespace Crawler.Silo.Gateway;

/// <summary>The body of <c>POST /api/jobs</c>: what to crawl, and optionally the job's id (generated when absent).</summary>
internal sealed record SubmitJobRequest(CrawlJobSpec? Spec, string? JobId = null);

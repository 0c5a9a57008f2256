using Crawler.Grains.Interfaces;

namespace Crawler.Client.Gateway;

/// <summary>The body of <c>POST /api/jobs</c>.</summary>
internal sealed record JobSubmission(CrawlJobSpec Spec, string? JobId);

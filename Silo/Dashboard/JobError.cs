namespace Crawler.Silo.Dashboard;

/// <summary>A result line that failed: no response, an error, or a 4xx/5xx status.</summary>
public sealed record JobError(string Url, int? Status, string? Error, DateTimeOffset FetchedAt);

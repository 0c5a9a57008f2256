using Crawler.Grains.Interfaces;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// A job on the dashboard: its grain's status, its average pages per second since it started, an estimate of the
/// time left (what is queued or in flight at that rate; null when it cannot be told) and its latest errors.
/// </summary>
public sealed record JobView(JobStatus Status, double PagesPerSecond, double? EtaSeconds, IReadOnlyList<JobError> RecentErrors);

namespace Crawler.Bench.Dashboard;

/// <summary>One embedded crawl of the dashboard scenario: its mode, pages/s, crawler CPU per page, and the polls made.</summary>
public sealed record DashboardRun(DashboardMode Mode, int Round, double PagesPerSecond, double CpuMsPerPage, TimeSpan Span, TimeSpan Cpu, PollCount Polls);

namespace Crawler.Bench.Dashboard;

/// <summary>The three ways the dashboard scenario runs the embedded crawl.</summary>
public enum DashboardMode
{
    /// <summary><c>--no-dashboard</c>: the baseline.</summary>
    Off,

    /// <summary>The dashboard served, nobody polling it.</summary>
    Unwatched,

    /// <summary>The dashboard served and polled the way its page polls it.</summary>
    Watched,
}

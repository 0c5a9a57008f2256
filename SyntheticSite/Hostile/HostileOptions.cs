namespace Crawler.SyntheticSite.Hostile;

/// <summary>What a <see cref="HostileServer"/> does where a choice is left open.</summary>
public sealed record HostileOptions
{
    /// <summary>The answer to <c>/robots.txt</c>, for the whole server. Default <see cref="RobotsBehavior.Normal"/>.</summary>
    public RobotsBehavior Robots { get; init; } = RobotsBehavior.Normal;

    /// <summary>
    /// The clock behind the HTTP-date of <see cref="HostilePaths.ServiceUnavailable"/>'s Retry-After; a test that
    /// fakes the crawler's clock passes the same one here so the date means the same wait to both.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

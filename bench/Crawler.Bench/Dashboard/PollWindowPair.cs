namespace Crawler.Bench.Dashboard;

/// <summary>
/// Two windows of the same length on a silo that has finished its crawl: one with nobody asking (its idle CPU), one
/// with the dashboard polled as fast as it answers. The silo's own CPU (user + system, from /proc) in each and the polls
/// answered in the second.
/// </summary>
public sealed record PollWindowPair(TimeSpan IdleCpu, TimeSpan IdleElapsed, TimeSpan PolledCpu, TimeSpan PolledElapsed, PollCount Polls)
{
    /// <summary>
    /// The polled window's CPU less the idle CPU of a window as long as it (the idle rate times its length), per poll
    /// answered, in ms; NaN without polls.
    /// </summary>
    public double CpuMsPerPoll => Polls.Polls == 0 || IdleElapsed <= TimeSpan.Zero
        ? double.NaN
        : (PolledCpu - IdleCpu * (PolledElapsed / IdleElapsed)).TotalMilliseconds / Polls.Polls;
}

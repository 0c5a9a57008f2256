namespace Crawler.Bench.Dashboard;

/// <summary>
/// What a <see cref="DashboardPoller"/> did: polls answered, polls that failed (with the last failure's reason), and
/// the answered polls' summed latency.
/// </summary>
public sealed record PollCount(int Polls, int Failures, TimeSpan Latency, string? LastFailure = null)
{
    public TimeSpan MeanLatency => Polls == 0 ? TimeSpan.Zero : Latency / Polls;
}

namespace Crawler.Bench.Dashboard;

/// <summary>What a <see cref="DashboardPoller"/> did: polls answered, polls that failed, and their summed latency.</summary>
public sealed record PollCount(int Polls, int Failures, TimeSpan Latency)
{
    public TimeSpan MeanLatency => Polls == 0 ? TimeSpan.Zero : Latency / Polls;
}

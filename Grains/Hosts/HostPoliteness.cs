using Crawler.Grains.Interfaces;

namespace Crawler.Grains.Hosts;

/// <summary>
/// The adaptive part of a host's politeness, as Scrapy's AutoThrottle: the delay between request starts
/// follows the host's smoothed response time, doubles with each failure and halves back with each success.
/// </summary>
internal sealed class HostPoliteness
{
    public static readonly TimeSpan MaxAdaptiveDelay = TimeSpan.FromSeconds(60);
    private const double Smoothing = 0.2;
    private const int MaxBackoffFactor = 64;

    private double _latencyMs;
    private int _backoffFactor = 1;

    public long Errors { get; private set; }

    public TimeSpan AdaptiveDelay =>
        TimeSpan.FromMilliseconds(Math.Min(_latencyMs * _backoffFactor, MaxAdaptiveDelay.TotalMilliseconds));

    public void Record(FetchOutcome outcome)
    {
        _latencyMs = _latencyMs == 0 ? outcome.ElapsedMs : (Smoothing * outcome.ElapsedMs) + ((1 - Smoothing) * _latencyMs);
        if (outcome.Failed)
        {
            Errors++;
            _backoffFactor = Math.Min(_backoffFactor * 2, MaxBackoffFactor);
        }
        else
        {
            _backoffFactor = Math.Max(1, _backoffFactor / 2);
        }
    }

    public TimeSpan DelayFor(SlotRequest request) =>
        request.Adaptive && AdaptiveDelay > request.MinDelay ? AdaptiveDelay : request.MinDelay;
}

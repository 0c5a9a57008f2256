namespace Crawler.Runtime.Diagnostics;

/// <summary>One grain method's turns on one silo: how many ran, how many threw, and how long they took.</summary>
public sealed class MethodCounters
{
    private long _calls;
    private long _exceptions;

    public long Calls => Interlocked.Read(ref _calls);

    public long Exceptions => Interlocked.Read(ref _exceptions);

    public LatencyHistogram Latency { get; } = new();

    internal void Record(TimeSpan duration, bool failed)
    {
        Interlocked.Increment(ref _calls);
        if (failed)
        {
            Interlocked.Increment(ref _exceptions);
        }

        Latency.Record(duration);
    }
}

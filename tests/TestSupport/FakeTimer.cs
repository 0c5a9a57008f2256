namespace Crawler.Testing;

/// <summary>A timer of <see cref="FakeTimeProvider"/>: due at a fake instant, optionally periodic.</summary>
internal sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    /// <summary>When it fires next; null when it is stopped. Guarded by the owner's lock.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Its period, or infinite for a one-shot timer. Guarded by the owner's lock.</summary>
    public TimeSpan Period { get; set; } = Timeout.InfiniteTimeSpan;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        owner.Change(this, dueTime, period);
        return true;
    }

    public void Fire() => callback(state);

    public void Dispose() => owner.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

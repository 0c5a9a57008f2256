namespace Crawler.Testing;

/// <summary>
/// A clock that only moves when a test calls <see cref="Advance"/>, firing the timers that fall due on the way
/// (in due order, each at its own due time). <c>Task.Delay(t, provider)</c> and <c>WaitAsync(t, provider)</c>
/// run on <see cref="CreateTimer"/>, so they complete only when time is advanced past them.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly List<(TimeSpan DueIn, TaskCompletionSource Armed)> _waiters = [];
    private DateTimeOffset _now;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public FakeTimeProvider(DateTimeOffset start) => _now = start;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers that are scheduled to fire at some point.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Completes once a timer is armed to fire <paramref name="dueIn"/> (to the millisecond) from now, or already is:
    /// a test can advance exactly when the code under test has started waiting, without sleeping.
    /// </summary>
    public Task WaitForTimerAsync(TimeSpan dueIn)
    {
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_timers.Any(t => IsDueIn(t, dueIn)))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((dueIn, armed));
        }

        return armed.Task;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due, including ones those callbacks set.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (true)
        {
            FakeTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt is { } at && at <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    _now = target;
                    return;
                }

                if (due.DueAt > _now)
                {
                    _now = due.DueAt!.Value;
                }

                due.DueAt = due.Period == Timeout.InfiniteTimeSpan || due.Period == TimeSpan.Zero ? null : _now + due.Period;
            }

            due.Fire();
        }
    }

    internal void Change(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<TaskCompletionSource> signalled = [];
        lock (_gate)
        {
            timer.Period = period;
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (IsDueIn(timer, _waiters[i].DueIn))
                {
                    signalled.Add(_waiters[i].Armed);
                    _waiters.RemoveAt(i);
                }
            }
        }

        signalled.ForEach(armed => armed.TrySetResult());
    }

    internal void Remove(FakeTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    // Task.Delay hands the provider whole milliseconds, so a jittered delay arrives with its fraction cut off.
    private bool IsDueIn(FakeTimer timer, TimeSpan dueIn) =>
        timer.DueAt is { } at && (at - (_now + dueIn)).Duration() < TimeSpan.FromMilliseconds(1);
}

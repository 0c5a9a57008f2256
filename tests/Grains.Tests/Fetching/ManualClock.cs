namespace Crawler.Grains.Tests.Fetching;

/// <summary>
/// A clock that moves only when told. Besides advancing, it lets a test wait for a timer to be armed, so the test
/// can advance exactly when the fetcher has started waiting, without sleeping.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(TimeSpan DueIn, TaskCompletionSource Armed)> _waiters = [];
    private DateTimeOffset _now;

    /// <summary>Starts on a whole second, so an HTTP-date (whole seconds) converts back to the exact wait meant.</summary>
    public ManualClock()
        : this(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualClock(DateTimeOffset start) => _now = start;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

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
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Completes once a timer is armed to fire <paramref name="dueIn"/> (to the millisecond) from now, or already is.</summary>
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

    /// <summary>Moves the clock forward, firing in due order every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt is { } at && at <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    _now = target;
                    return;
                }

                _now = due.DueAt!.Value > _now ? due.DueAt.Value : _now;
                due.DueAt = due.Period > TimeSpan.Zero ? _now + due.Period : null;
            }

            due.Fire();
        }
    }

    internal void Change(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
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

    internal void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    // Task.Delay hands the provider whole milliseconds, so a jittered delay arrives with its fraction cut off.
    private bool IsDueIn(ManualTimer timer, TimeSpan dueIn) =>
        timer.DueAt is { } at && (at - (_now + dueIn)).Duration() < TimeSpan.FromMilliseconds(1);
}

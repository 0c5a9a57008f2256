using Crawler.Testing;

namespace Crawler.Runtime.Tests.Infrastructure;

public sealed class FakeTimeProviderTests
{
    [Fact]
    public async Task Delay_CompletesOnlyWhenClockPassesIt()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();

        var delay = Task.Delay(TimeSpan.FromSeconds(5), time);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(start + TimeSpan.FromSeconds(5), time.GetUtcNow());
    }

    [Fact]
    public void PeriodicTimer_FiresOncePerPeriodPassed_AtItsDueTimes()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var fired = new List<DateTimeOffset>();
        using var timer = time.CreateTimer(_ => fired.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal([start.AddSeconds(1), start.AddSeconds(3), start.AddSeconds(5)], fired);
        Assert.Equal(start.AddSeconds(6), time.GetUtcNow());
    }

    [Fact]
    public async Task WaitAsync_TimesOutOnlyOnTheFakeClock()
    {
        var time = new FakeTimeProvider();
        var never = new TaskCompletionSource();

        var waiting = never.Task.WaitAsync(TimeSpan.FromMinutes(1), time);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
    }

    [Fact]
    public void DisposedTimer_NeverFires()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, fired);
        Assert.Equal(0, time.ActiveTimers);
    }
}

namespace Crawler.Testing;

/// <summary>
/// The one polling helper: waits for a condition with a deadline, checking every few milliseconds (or at the
/// interval given, for conditions that cost a database query or a process's answer). Used only where nothing can
/// signal (cluster ownership, committed stream contents, another process's state); everything else awaits a signal.
/// </summary>
public static class Polling
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(10);

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()), timeout, because);
    }

    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string? because = null) =>
        WaitUntilAsync(condition, timeout, DefaultInterval, because);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan interval, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}{(because is null ? "" : $": {because}")}.");
            }

            await Task.Delay(interval);
        }
    }
}

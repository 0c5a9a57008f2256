namespace Crawler.Runtime.Tests.Infrastructure;

/// <summary>
/// The one polling helper: waits for a condition with a deadline, checking every few milliseconds. Used only
/// where nothing can signal (cluster ownership, committed stream contents); everything else awaits a signal.
/// </summary>
public static class Polling
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()), timeout, because);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}{(because is null ? "" : $": {because}")}.");
            }

            await Task.Delay(PollInterval);
        }
    }
}

namespace Crawler.Grains.Tests.Infrastructure;

/// <summary>Waits for a condition the system reaches on its own (a job's progress), with a deadline.</summary>
internal static class Eventually
{
    public static async Task<T> ReachAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The condition was not reached within {timeout}; last value: {value}");
            }
        }
    }
}

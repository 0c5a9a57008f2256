using Crawler.Grains.Fetching;

namespace Crawler.Grains.Tests.Fetching;

/// <summary>Small limits so every hostile path ends quickly, and a guard so no test can hang.</summary>
internal static class FetchTesting
{
    public const long MaxBodyBytes = 1024 * 1024;
    public const long MaxMemoryGrowthBytes = 64L * 1024 * 1024;

    /// <summary>A hang guard for the caller's token, not a time assertion: a healthy test ends long before.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    /// <summary>The header timeout of the slowloris tests, short so they end quickly.</summary>
    public static readonly TimeSpan ShortHeaderTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// One attempt and 1 MiB bodies. The timeouts are short but not tight: two cores running the suite in
    /// parallel can hold an honest answer back for a second, which only the slowloris tests may take for an attack.
    /// </summary>
    public static CrawlerOptions QuickOptions(int maxAttempts = 1, TimeSpan? headerTimeout = null) => new()
    {
        HeaderTimeout = headerTimeout ?? TimeSpan.FromSeconds(10),
        RequestTimeout = TimeSpan.FromSeconds(20),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        MaxBodyBytes = MaxBodyBytes,
        MaxAttempts = maxAttempts,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    };

    public static PageFetcher Fetcher(CrawlerOptions? options = null, TimeProvider? time = null) =>
        new(options ?? QuickOptions(), time ?? TimeProvider.System);

    /// <summary>
    /// Runs a fetch between two forced collections and says how much live memory it left behind, the response
    /// kept alive. Run only in <see cref="MemoryMeasured"/>, so no other test's allocations mix in.
    /// </summary>
    public static async Task<(FetchResponse Response, long Growth)> MeasureAsync(Func<Task<FetchResponse>> fetch)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var response = await fetch();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(response);
        return (response, after - before);
    }
}

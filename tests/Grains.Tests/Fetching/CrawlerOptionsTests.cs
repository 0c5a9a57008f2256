using Crawler.Grains.Fetching;

namespace Crawler.Grains.Tests.Fetching;

public sealed class CrawlerOptionsTests
{
    [Fact]
    public void MaxSlotHold_NotSet_CoversTheLongestFetchWithAMinuteToSpare()
    {
        var options = new CrawlerOptions { RequestTimeout = TimeSpan.FromSeconds(10), MaxAttempts = 3, MaxRetryDelay = TimeSpan.FromSeconds(5) };

        // Three attempts that each time out, two backoffs at their longest, and the margin.
        Assert.Equal(TimeSpan.FromSeconds(30 + 10 + 60), options.MaxSlotHold);
    }

    [Fact]
    public void MaxSlotHold_Set_IsWhatWasSet()
    {
        var options = new CrawlerOptions { MaxSlotHold = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxSlotHold);
    }

    [Fact]
    public void Validate_MaxSlotHoldNotPositive_Throws()
    {
        var options = new CrawlerOptions { MaxSlotHold = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("MaxSlotHold", error.Message, StringComparison.Ordinal);
    }
}

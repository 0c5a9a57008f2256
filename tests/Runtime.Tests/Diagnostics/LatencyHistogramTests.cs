using Crawler.Runtime.Diagnostics;

namespace Crawler.Runtime.Tests.Diagnostics;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void PercentileMs_NothingRecorded_IsZero()
    {
        Assert.Equal(0, LatencyHistogram.PercentileMs(new LatencyHistogram().Counts(), 0.99));
    }

    [Fact]
    public void PercentileMs_SpreadOfDurations_FallsWithinABucketOfTheTrueValue()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        var counts = histogram.Counts();

        // Buckets grow by 1.5x, so an estimate is within half its value of the truth.
        Assert.InRange(LatencyHistogram.PercentileMs(counts, 0.50), 500 / 1.5, 500 * 1.5);
        Assert.InRange(LatencyHistogram.PercentileMs(counts, 0.95), 950 / 1.5, 950 * 1.5);
        Assert.InRange(LatencyHistogram.PercentileMs(counts, 0.99), 990 / 1.5, 990 * 1.5);
        Assert.Equal(1000, counts.Sum());
    }

    [Fact]
    public void PercentileMs_FewSlowOutliers_MoveOnlyTheHighPercentiles()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 98; i++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(2));
        }

        histogram.Record(TimeSpan.FromSeconds(5));
        histogram.Record(TimeSpan.FromSeconds(5));
        var counts = histogram.Counts();

        Assert.True(LatencyHistogram.PercentileMs(counts, 0.50) < 4);
        Assert.True(LatencyHistogram.PercentileMs(counts, 0.995) > 2500);
    }

    [Fact]
    public void Record_BeyondTheLastBound_CountsInTheOverflowBucket()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(TimeSpan.FromHours(1));

        var counts = histogram.Counts();
        Assert.Equal(1, counts[^1]);
        Assert.True(LatencyHistogram.PercentileMs(counts, 0.5) > 60_000);
    }
}

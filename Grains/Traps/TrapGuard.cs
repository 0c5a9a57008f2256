using System.Globalization;
using Crawler.Grains.Interfaces;

namespace Crawler.Grains.Traps;

/// <summary>
/// The spider-trap guards a URL's shape can be judged by: too many path segments, or one segment repeated too often
/// (<c>/a/b/a/b/a/b/a/</c>, the mark of relative links resolved against their own page again and again). The third
/// guard, URLs per host per job, needs a count and lives in the host's grain.
/// </summary>
public sealed class TrapGuard
{
    private const int MaxQuotedSegment = 40;

    private readonly int _maxSegments;
    private readonly int _maxRepeats;

    public TrapGuard(int maxSegments, int maxRepeats)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSegments);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRepeats);
        _maxSegments = maxSegments;
        _maxRepeats = maxRepeats;
    }

    /// <summary>The reason a result records for a URL refused because its host has taken the job's share of URLs.</summary>
    public static string TooManyUrlsOnHost(long maxUrls, string host) =>
        string.Create(CultureInfo.InvariantCulture, $"not fetched: spider-trap guard, the job already has {maxUrls:N0} URLs on {host}");

    /// <summary>Null when the URL may be fetched; otherwise why not, as a result records it.</summary>
    public string? RefusalFor(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > _maxSegments)
        {
            return string.Create(CultureInfo.InvariantCulture, $"not fetched: spider-trap guard, the path has {segments.Length} segments (at most {_maxSegments})");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            var count = counts[segment] = counts.GetValueOrDefault(segment) + 1;
            if (count > _maxRepeats)
            {
                var quoted = segment.Length <= MaxQuotedSegment ? segment : string.Concat(segment.AsSpan(0, MaxQuotedSegment), "…");
                return string.Create(CultureInfo.InvariantCulture, $"not fetched: spider-trap guard, the path segment '{quoted}' repeats more than {_maxRepeats} times");
            }
        }

        return null;
    }

    public static TrapGuard For(CrawlJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new TrapGuard(spec.MaxPathSegments, spec.MaxSegmentRepeats);
    }
}

using System.Buffers;

namespace Crawler.Grains.Robots;

/// <summary>The rules one crawler obeys on one host: its group of a robots.txt, merged and compiled.</summary>
public sealed class RobotsRules
{
    private const string RobotsTxtPath = "/robots.txt";

    // Paths of ordinary length normalize on the stack; longer ones borrow from the pool.
    private const int StackBufferLength = 1024;

    private readonly RobotsRule[] _rules;

    internal RobotsRules(IEnumerable<RobotsRule> rules, TimeSpan? crawlDelay)
    {
        // Most specific first, allow before disallow at equal length (§2.2.2): the first rule that
        // matches then decides, and most checks stop early.
        _rules = [.. rules.OrderByDescending(rule => rule.Specificity).ThenByDescending(rule => rule.IsAllow)];
        CrawlDelay = crawlDelay;
    }

    /// <summary>The non-standard Crawl-delay of the selected group (the longest when merged groups give several).</summary>
    public TimeSpan? CrawlDelay { get; }

    internal static RobotsRules AllowAll { get; } = new([], null);

    internal static RobotsRules DisallowAll { get; } = new([RobotsRule.Compile("/"u8, isAllow: false)!], null);

    /// <summary>
    /// Whether the crawler may fetch <paramref name="pathAndQuery"/> (as sent on the request line,
    /// percent-encoded or not): the longest matching pattern decides, allow wins a tie, no match allows,
    /// and <c>/robots.txt</c> itself is always allowed (§2.2.2).
    /// </summary>
    public bool IsAllowed(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (_rules.Length == 0)
        {
            return true;
        }

        ReadOnlySpan<char> path = pathAndQuery.Length == 0 ? "/" : pathAndQuery;
        if (!RobotsPath.NeedsNormalizing(path))
        {
            return Decide(path);
        }

        var needed = (long)path.Length * RobotsPath.MaxExpansion;
        char[]? rented = null;
        var buffer = needed <= StackBufferLength
            ? stackalloc char[StackBufferLength]
            : (rented = ArrayPool<char>.Shared.Rent(checked((int)needed)));
        try
        {
            var length = RobotsPath.Normalize(path, buffer);
            return Decide(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private bool Decide(ReadOnlySpan<char> path)
    {
        if (path.SequenceEqual(RobotsTxtPath))
        {
            return true;
        }

        foreach (var rule in _rules)
        {
            if (rule.Matches(path))
            {
                return rule.IsAllow;
            }
        }

        return true;
    }
}

using System.Collections.Concurrent;

namespace Crawler.Grains.Robots;

/// <summary>
/// A host's robots.txt (RFC 9309), parsed once; <see cref="For"/> gives the compiled rules of one crawler.
/// Safe to share between threads.
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>RFC 9309 §2.5: parsers must read at least 500 KiB; what follows is ignored.</summary>
    public const int MaxBytes = 500 * 1024;

    private const string GlobalAgent = "*";

    private readonly Dictionary<string, RobotsGroup[]> _groupsByAgent;
    private readonly RobotsGroup[] _globalGroups;
    private readonly RobotsRules? _fixedRules;
    private readonly ConcurrentDictionary<string, RobotsRules> _rulesByAgent = new(StringComparer.OrdinalIgnoreCase);
    private RobotsRules? _globalRules;

    internal RobotsTxt(Dictionary<string, RobotsGroup[]> groupsByAgent, RobotsGroup[] globalGroups, IReadOnlyList<string> sitemaps)
    {
        _groupsByAgent = groupsByAgent;
        _globalGroups = globalGroups;
        Sitemaps = sitemaps;
    }

    private RobotsTxt(RobotsRules fixedRules)
        : this(new Dictionary<string, RobotsGroup[]>(), [], [])
    {
        _fixedRules = fixedRules;
    }

    /// <summary>For a robots.txt answered with 4xx ("unavailable", §2.3.1.3): everything may be crawled.</summary>
    public static RobotsTxt AllowAll { get; } = new(RobotsRules.AllowAll);

    /// <summary>For a robots.txt answered with 5xx or not at all ("unreachable", §2.3.1.4): nothing may be crawled.</summary>
    public static RobotsTxt DisallowAll { get; } = new(RobotsRules.DisallowAll);

    /// <summary>The absolute http(s) URLs of the file's Sitemap lines, wherever they stand, as written, without repeats.</summary>
    public IReadOnlyList<string> Sitemaps { get; }

    /// <summary>
    /// Parses the first <see cref="MaxBytes"/> of a robots.txt as UTF-8 (a byte order mark skipped).
    /// Never throws: lines that make no sense are ignored.
    /// </summary>
    public static RobotsTxt Parse(ReadOnlySpan<byte> content) => RobotsTxtParser.Parse(content);

    /// <summary>
    /// The rules for the crawler whose product token is <paramref name="userAgentProductToken"/> (a full
    /// User-Agent works too: only the product name before any '/' or space counts). Per §2.2.1: every
    /// group naming the token, case-insensitively, merged; else the '*' groups; else no rules at all.
    /// </summary>
    public RobotsRules For(string userAgentProductToken)
    {
        ArgumentNullException.ThrowIfNull(userAgentProductToken);
        if (_fixedRules is not null)
        {
            return _fixedRules;
        }

        var token = ProductToken.Of(userAgentProductToken);
        if (!token.IsEmpty && !token.SequenceEqual(GlobalAgent)
            && _groupsByAgent.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var groups))
        {
            return _rulesByAgent.GetOrAdd(token.ToString(), static (_, groups) => Merge(groups), groups);
        }

        // Two threads may both merge on first use; either result is the same.
        return _globalRules ??= Merge(_globalGroups);
    }

    private static RobotsRules Merge(RobotsGroup[] groups)
    {
        TimeSpan? crawlDelay = null;
        foreach (var group in groups)
        {
            if (group.CrawlDelay is { } delay && (crawlDelay is not { } current || delay > current))
            {
                crawlDelay = delay;
            }
        }

        return new RobotsRules(groups.SelectMany(group => group.Rules), crawlDelay);
    }
}

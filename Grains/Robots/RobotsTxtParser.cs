using System.Globalization;
using System.Text;

namespace Crawler.Grains.Robots;

/// <summary>
/// Reads a robots.txt line by line into groups (RFC 9309 §2.2). Works on bytes so that a file in another
/// encoding still yields patterns matching the same octets percent-encoded in URLs. One instance per parse.
/// </summary>
internal sealed class RobotsTxtParser
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly Dictionary<string, List<RobotsGroup>> _groupsByAgent = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RobotsGroup> _globalGroups = [];
    private readonly List<string> _sitemaps = [];
    private readonly HashSet<string> _seenSitemaps = new(StringComparer.Ordinal);
    private RobotsGroup? _group;
    private bool _groupHasRules;

    private RobotsTxtParser()
    {
    }

    public static RobotsTxt Parse(ReadOnlySpan<byte> content)
    {
        var parser = new RobotsTxtParser();
        var rest = SkipByteOrderMark(Limit(content));
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                parser.ParseLine(rest);
                break;
            }

            parser.ParseLine(rest[..end]);
            var next = end + 1;
            if (rest[end] == '\r' && next < rest.Length && rest[next] == '\n')
            {
                next++;
            }

            rest = rest[next..];
        }

        return parser.Build();
    }

    /// <summary>
    /// Cuts the file at <see cref="RobotsTxt.MaxBytes"/> and drops a line the cut goes through: half a
    /// pattern would be a different rule (<c>Allow: /shop/cart</c> cut to <c>Allow: /sh</c>).
    /// </summary>
    private static ReadOnlySpan<byte> Limit(ReadOnlySpan<byte> content)
    {
        if (content.Length <= RobotsTxt.MaxBytes)
        {
            return content;
        }

        var kept = content[..RobotsTxt.MaxBytes];
        if (content[RobotsTxt.MaxBytes] is (byte)'\r' or (byte)'\n')
        {
            return kept;
        }

        var lastLineEnd = kept.LastIndexOfAny((byte)'\r', (byte)'\n');
        return lastLineEnd < 0 ? [] : kept[..(lastLineEnd + 1)];
    }

    /// <summary>Skips a byte order mark, or the start of one: some editors write it cut short.</summary>
    private static ReadOnlySpan<byte> SkipByteOrderMark(ReadOnlySpan<byte> content)
    {
        var length = 0;
        while (length < ByteOrderMark.Length && length < content.Length && content[length] == ByteOrderMark[length])
        {
            length++;
        }

        return content[length..];
    }

    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> text) => text.Trim(" \t\v\f"u8);

    /// <summary>
    /// Splits <c>key: value</c>. Like Google, also takes <c>key value</c> without the colon when the line is
    /// exactly two words: <c>Disallow /private</c> plainly means what it says, and honoring it can only make
    /// the crawler politer. The colon of a value (<c>Sitemap https://...</c>) does not count then.
    /// </summary>
    private static RobotsField Split(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> value)
    {
        var colon = line.IndexOf((byte)':');
        if (colon >= 0)
        {
            value = TrimWhitespace(line[(colon + 1)..]);
            var field = Classify(TrimWhitespace(line[..colon]));
            if (field != RobotsField.Unknown)
            {
                return field;
            }
        }

        var space = line.IndexOfAny((byte)' ', (byte)'\t');
        value = space < 0 ? [] : TrimWhitespace(line[space..]);
        return space < 0 || value.IndexOfAny((byte)' ', (byte)'\t') >= 0 ? RobotsField.Unknown : Classify(line[..space]);
    }

    /// <summary>Field names are case-insensitive; a few common misspellings are taken as RFC 9309 §2.2.4 allows.</summary>
    private static RobotsField Classify(ReadOnlySpan<byte> key)
    {
        if (Is(key, "user-agent"u8) || Is(key, "useragent"u8) || Is(key, "user agent"u8))
        {
            return RobotsField.UserAgent;
        }

        if (Is(key, "allow"u8))
        {
            return RobotsField.Allow;
        }

        if (Is(key, "disallow"u8) || Is(key, "dissallow"u8) || Is(key, "dissalow"u8) || Is(key, "disalow"u8)
            || Is(key, "diasllow"u8) || Is(key, "disallaw"u8))
        {
            return RobotsField.Disallow;
        }

        if (Is(key, "sitemap"u8) || Is(key, "site-map"u8))
        {
            return RobotsField.Sitemap;
        }

        return Is(key, "crawl-delay"u8) || Is(key, "crawldelay"u8) ? RobotsField.CrawlDelay : RobotsField.Unknown;
    }

    private static bool Is(ReadOnlySpan<byte> key, ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(key, name);

    /// <summary>Seconds, decimals allowed; a sign, an exponent, a unit or anything else makes the line ignored.</summary>
    private static TimeSpan? ParseCrawlDelay(ReadOnlySpan<byte> value)
    {
        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds))
        {
            return null;
        }

        var ticks = seconds * TimeSpan.TicksPerSecond;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private void ParseLine(ReadOnlySpan<byte> line)
    {
        var comment = line.IndexOf((byte)'#');
        if (comment >= 0)
        {
            line = line[..comment];
        }

        line = TrimWhitespace(line);
        if (line.IsEmpty)
        {
            return;
        }

        switch (Split(line, out var value))
        {
            case RobotsField.UserAgent:
                StartOrExtendGroup(ProductToken.Of(value));
                break;
            case RobotsField.Allow:
                AddRule(value, isAllow: true);
                break;
            case RobotsField.Disallow:
                AddRule(value, isAllow: false);
                break;
            case RobotsField.Sitemap:
                AddSitemap(value);
                break;
            case RobotsField.CrawlDelay:
                AddCrawlDelay(value);
                break;
            default:
                // Other records must not disturb the groups (§2.2.4), so they do not end a run of user-agent lines.
                break;
        }
    }

    /// <summary>
    /// Consecutive user-agent lines share one group; blank and unknown lines between them do not split it
    /// (§2.2: emptyline is allowed there). A user-agent line after a rule starts a new group.
    /// </summary>
    private void StartOrExtendGroup(ReadOnlySpan<byte> token)
    {
        if (_group is null || _groupHasRules)
        {
            _group = new RobotsGroup();
            _groupHasRules = false;
        }

        // An empty token still starts a group, so the rules under it bind nobody rather than the previous group.
        if (token.IsEmpty)
        {
            return;
        }

        if (token.SequenceEqual("*"u8))
        {
            if (_globalGroups.Count == 0 || _globalGroups[^1] != _group)
            {
                _globalGroups.Add(_group);
            }

            return;
        }

        var name = Encoding.UTF8.GetString(token);
        if (!_groupsByAgent.TryGetValue(name, out var groups))
        {
            _groupsByAgent.Add(name, groups = []);
        }

        if (groups.Count == 0 || groups[^1] != _group)
        {
            groups.Add(_group);
        }
    }

    private void AddRule(ReadOnlySpan<byte> value, bool isAllow)
    {
        // Rules before the first user-agent line belong to no group and are ignored (§2.2.2).
        if (_group is null)
        {
            return;
        }

        _groupHasRules = true;
        if (RobotsRule.Compile(value, isAllow) is { } rule)
        {
            _group.Add(rule);
        }
    }

    /// <summary>
    /// Crawl-delay belongs to its group like a rule, so it ends the run of user-agent lines too. Otherwise
    /// the common <c>User-agent: *</c>, <c>Crawl-delay: 10</c>, then <c>User-agent: BadBot</c>,
    /// <c>Disallow: /</c> would put every crawler under BadBot's <c>Disallow: /</c>.
    /// </summary>
    private void AddCrawlDelay(ReadOnlySpan<byte> value)
    {
        if (_group is null)
        {
            return;
        }

        _groupHasRules = true;
        if (ParseCrawlDelay(value) is { } delay)
        {
            _group.OfferCrawlDelay(delay);
        }
    }

    private void AddSitemap(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        var url = Encoding.UTF8.GetString(value);
        if (IsHttpUrl(url) && _seenSitemaps.Add(url))
        {
            _sitemaps.Add(url);
        }
    }

    private RobotsTxt Build()
    {
        var groupsByAgent = new Dictionary<string, RobotsGroup[]>(_groupsByAgent.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (agent, groups) in _groupsByAgent)
        {
            groupsByAgent.Add(agent, [.. groups]);
        }

        return new RobotsTxt(groupsByAgent, [.. _globalGroups], _sitemaps.AsReadOnly());
    }
}

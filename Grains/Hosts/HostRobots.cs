using Crawler.Grains.Fetching;
using Crawler.Grains.Robots;

namespace Crawler.Grains.Hosts;

/// <summary>
/// A host's robots.txt as RFC 9309 says to treat it: fetched once and cached, up to five redirects followed;
/// 2xx is parsed, 4xx (or too many redirects) means everything is allowed, 5xx or no answer means nothing is,
/// until a retry after <see cref="UnreachableTtl"/>. The fetch obeys the asking job's network policy; a fetch that
/// policy refuses is not cached (another job may be allowed the address) and refuses that job's URL with the reason.
/// Only used from the host grain's turns, so no locks.
/// </summary>
internal sealed class HostRobots(string host, PageFetcher fetcher, string userAgent, TimeProvider timeProvider)
{
    public const int MaxRedirects = 5;
    public static readonly TimeSpan Ttl = TimeSpan.FromHours(24);
    public static readonly TimeSpan UnreachableTtl = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxCrawlDelay = TimeSpan.FromSeconds(30);

    // Loads by other policies a caller waits out before it loads with its own; more would mean policies keep racing.
    private const int MaxLoadRounds = 3;

    private RobotsRules? _rules;
    private IReadOnlyList<string> _sitemaps = [];
    private string? _unreachable;
    private DateTimeOffset _expires = DateTimeOffset.MinValue;
    private (Task<string?> Task, FetchPolicy Policy)? _loading;

    /// <summary>The Crawl-delay of the group that applies to us, capped; zero when none.</summary>
    public TimeSpan CrawlDelay { get; private set; }

    public string Status => _rules is null ? "not fetched" : _unreachable ?? "ok";

    /// <summary>Null when the path may be fetched; otherwise why not.</summary>
    public async Task<string?> RefusalForAsync(string pathAndQuery, FetchPolicy policy, CancellationToken cancellationToken)
    {
        if (await EnsureLoadedAsync(policy, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (_unreachable is not null)
        {
            return $"robots.txt unreachable ({_unreachable}); not fetched, as RFC 9309 asks";
        }

        return _rules!.IsAllowed(pathAndQuery) ? null : "disallowed by robots.txt";
    }

    /// <summary>
    /// The absolute URLs of the file's <c>Sitemap:</c> lines, loading it first if needed; empty when it has none or
    /// could not be had, and then with the reason when the policy refused the address.
    /// </summary>
    public async Task<(IReadOnlyList<string> Sitemaps, string? Refused)> SitemapsAsync(FetchPolicy policy, CancellationToken cancellationToken)
    {
        var refused = await EnsureLoadedAsync(policy, cancellationToken);
        return (refused is null ? _sitemaps : [], refused);
    }

    /// <summary>Null once fresh rules are in memory; else the network policy's refusal of the robots.txt fetch.</summary>
    private async Task<string?> EnsureLoadedAsync(FetchPolicy policy, CancellationToken cancellationToken)
    {
        string? refused = null;
        for (var round = 0; round < MaxLoadRounds && (_rules is null || timeProvider.GetUtcNow() >= _expires); round++)
        {
            var loading = _loading ??= (LoadAsync(policy), policy);
            refused = await loading.Task.WaitAsync(cancellationToken);

            // Whoever comes back first clears it (a load may even finish before it was stored), so the next expiry reloads.
            if (_loading == loading)
            {
                _loading = null;
            }

            if (refused is not null && Equals(loading.Policy, policy))
            {
                return refused;
            }
        }

        return _rules is null ? refused ?? "robots.txt could not be loaded" : null;
    }

    /// <summary>Loads and caches the file; returns the policy's refusal instead when the address was refused, caching nothing.</summary>
    private async Task<string?> LoadAsync(FetchPolicy policy)
    {
        var fetchPolicy = policy with { KeepBody = true };
        var url = $"{host}/robots.txt";
        RobotsTxt robots = RobotsTxt.AllowAll;
        string? unreachable = null;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            // Shared by every caller waiting for it, so no caller's token cancels it; the fetcher's timeouts bound it.
            var response = await fetcher.FetchAsync(url, fetchPolicy, CancellationToken.None);
            if (response.AddressRefused)
            {
                return response.Error;
            }

            if (response.IsRedirect && hop < MaxRedirects && Uri.TryCreate(new Uri(url), response.Location, out var next))
            {
                url = next.AbsoluteUri;
                continue;
            }

            if (response.IsSuccess && response.Body is { } body)
            {
                robots = RobotsTxt.Parse(body);
            }
            else if (response.Status is null or >= 500)
            {
                robots = RobotsTxt.DisallowAll;
                unreachable = response.Status is { } status ? $"HTTP {status}" : response.Error ?? "no response";
            }

            break;
        }

        _rules = robots.For(userAgent);
        _sitemaps = robots.Sitemaps;
        _unreachable = unreachable;
        var delay = _rules.CrawlDelay ?? TimeSpan.Zero;
        CrawlDelay = delay > MaxCrawlDelay ? MaxCrawlDelay : delay;
        _expires = timeProvider.GetUtcNow() + (unreachable is null ? Ttl : UnreachableTtl);
        return null;
    }
}

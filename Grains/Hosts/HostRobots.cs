using Crawler.Grains.Fetching;
using Crawler.Grains.Robots;

namespace Crawler.Grains.Hosts;

/// <summary>
/// A host's robots.txt as RFC 9309 says to treat it: fetched once and cached, up to five redirects followed;
/// 2xx is parsed, 4xx (or too many redirects) means everything is allowed, 5xx or no answer means nothing is,
/// until a retry after <see cref="UnreachableTtl"/>. Only used from the host grain's turns, so no locks.
/// </summary>
internal sealed class HostRobots(string host, PageFetcher fetcher, string userAgent, TimeProvider timeProvider)
{
    public const int MaxRedirects = 5;
    public static readonly TimeSpan Ttl = TimeSpan.FromHours(24);
    public static readonly TimeSpan UnreachableTtl = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxCrawlDelay = TimeSpan.FromSeconds(30);

    private static readonly FetchPolicy RobotsPolicy = new() { AllowPrivateNetworks = true, KeepBody = true };
    private RobotsRules? _rules;
    private string? _unreachable;
    private DateTimeOffset _expires = DateTimeOffset.MinValue;
    private Task? _loading;

    /// <summary>The Crawl-delay of the group that applies to us, capped; zero when none.</summary>
    public TimeSpan CrawlDelay { get; private set; }

    public string Status => _rules is null ? "not fetched" : _unreachable ?? "ok";

    /// <summary>Null when the path may be fetched; otherwise why not.</summary>
    public async Task<string?> RefusalForAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        if (_rules is null || timeProvider.GetUtcNow() >= _expires)
        {
            _loading ??= LoadAsync(cancellationToken);
            await _loading.WaitAsync(cancellationToken);
        }

        if (_unreachable is not null)
        {
            return $"robots.txt unreachable ({_unreachable}); not fetched, as RFC 9309 asks";
        }

        return _rules!.IsAllowed(pathAndQuery) ? null : "disallowed by robots.txt";
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var url = $"{host}/robots.txt";
            RobotsTxt robots = RobotsTxt.AllowAll;
            string? unreachable = null;
            for (var hop = 0; hop <= MaxRedirects; hop++)
            {
                var response = await fetcher.FetchAsync(url, RobotsPolicy, cancellationToken);
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
            _unreachable = unreachable;
            var delay = _rules.CrawlDelay ?? TimeSpan.Zero;
            CrawlDelay = delay > MaxCrawlDelay ? MaxCrawlDelay : delay;
            _expires = timeProvider.GetUtcNow() + (unreachable is null ? Ttl : UnreachableTtl);
        }
        finally
        {
            _loading = null;
        }
    }
}

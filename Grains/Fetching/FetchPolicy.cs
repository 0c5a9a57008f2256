namespace Crawler.Grains.Fetching;

/// <summary>What one fetch may do beyond the silo-wide <see cref="CrawlerOptions"/>; the job decides it.</summary>
public sealed record FetchPolicy
{
    /// <summary>Carries the policy from the request to the connect callback, which sees only the request.</summary>
    internal static readonly HttpRequestOptionsKey<FetchPolicy> OptionKey = new("Crawler.FetchPolicy");

    /// <summary>Public addresses only: the safe choice for a crawl of the open web.</summary>
    public static FetchPolicy PublicOnly { get; } = new();

    /// <summary>Loopback, private and link-local addresses allowed too: for crawls of one's own network.</summary>
    public static FetchPolicy PrivateNetworksAllowed { get; } = new() { AllowPrivateNetworks = true };

    /// <summary>
    /// Whether the fetch may connect to loopback, private (RFC 1918, IPv6 ULA), link-local, CGNAT, multicast,
    /// unspecified, reserved and cloud-metadata addresses. Off by default, so a public page cannot point the
    /// crawler at the silo's own network.
    /// </summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>Return the raw body bytes in <see cref="FetchResponse.Body"/> (robots.txt, sitemaps), not only decoded HTML.</summary>
    public bool KeepBody { get; init; }
}

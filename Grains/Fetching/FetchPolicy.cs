namespace Crawler.Grains.Fetching;

/// <summary>
/// What one fetch may do beyond the silo-wide <see cref="CrawlerOptions"/>; the job decides it. Public addresses are
/// always allowed; each other <see cref="AddressKind"/> only when the policy names it.
/// </summary>
public sealed record FetchPolicy
{
    /// <summary>Carries the policy from the request to the connect callback, which sees only the request.</summary>
    internal static readonly HttpRequestOptionsKey<FetchPolicy> OptionKey = new("Crawler.FetchPolicy");

    private const int PublicMask = 1 << (int)AddressKind.Public;
    private static readonly int AllMask = Enum.GetValues<AddressKind>().Aggregate(0, (mask, kind) => mask | (1 << (int)kind));

    private readonly int _allowed = PublicMask;

    public FetchPolicy()
    {
    }

    private FetchPolicy(int allowed) => _allowed = allowed;

    /// <summary>Public addresses only: the safe choice for a crawl of the open web.</summary>
    public static FetchPolicy PublicOnly { get; } = new();

    /// <summary>Every address, loopback, private, link-local and cloud metadata included: for crawls of one's own network.</summary>
    public static FetchPolicy PrivateNetworksAllowed { get; } = new() { AllowPrivateNetworks = true };

    /// <summary>
    /// Whether the fetch may connect to every kind of address: loopback, private (RFC 1918, IPv6 ULA), link-local,
    /// CGNAT, multicast, unspecified, reserved and cloud metadata. Off by default, so a public page cannot point the
    /// crawler at the silo's own network. Setting it false leaves public addresses only.
    /// </summary>
    public bool AllowPrivateNetworks
    {
        get => _allowed == AllMask;
        init => _allowed = value ? AllMask : PublicMask;
    }

    /// <summary>The kinds of address the fetch may connect to; <see cref="AddressKind.Public"/> is always one.</summary>
    public IReadOnlyList<AddressKind> AllowedKinds => [.. Enum.GetValues<AddressKind>().Where(Allows)];

    /// <summary>Return the raw body bytes in <see cref="FetchResponse.Body"/> (robots.txt, sitemaps), not only decoded HTML.</summary>
    public bool KeepBody { get; init; }

    /// <summary>
    /// Also return what a WARC archive needs in <see cref="FetchResponse.Exchange"/>: the request and response heads
    /// and the body as read (cut at the limit, and marked so). For jobs that archive.
    /// </summary>
    public bool Archive { get; init; }

    /// <summary>One bit per allowed <see cref="AddressKind"/>: HTTP connection pools are kept apart by it.</summary>
    internal int AllowedMask => _allowed;

    /// <summary>Public addresses and the given kinds.</summary>
    public static FetchPolicy Allowing(IEnumerable<AddressKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return new FetchPolicy(kinds.Aggregate(PublicMask, (mask, kind) => mask | (1 << (int)kind)));
    }

    public bool Allows(AddressKind kind) => (_allowed & (1 << (int)kind)) != 0;
}

namespace Crawler.Grains.Fetching;

/// <summary>How a silo fetches. Every default is documented here and in the README.</summary>
public sealed class CrawlerOptions
{
    public const string DefaultUserAgent = "CrawlerBot/0.1 (+https://github.com/crawler/crawler)";
    public const int DefaultMaxConcurrentFetches = 64;
    public const long DefaultMaxBodyBytes = 10L * 1024 * 1024;
    public const int DefaultMaxAttempts = 3;
    public const double DefaultMaxDecompressionRatio = 100;
    public const long DefaultDecompressionRatioFloorBytes = 1024L * 1024;
    public const double DefaultCircuitBreakerFailureRatio = 0.5;
    public const int DefaultCircuitBreakerMinimumThroughput = 10;
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultHeaderTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultCircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultCircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultMaxHostPause = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultMaxSlotWait = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan DefaultPauseCheck = TimeSpan.FromSeconds(1);
    public const int DefaultKnownUrls = 500_000;

    // The go-ahead asked of the job and the release's way back, on top of the fetch itself.
    private static readonly TimeSpan SlotHoldMargin = TimeSpan.FromMinutes(1);

    // Polly refuses shorter windows and breaks, and fewer than two calls cannot make a ratio.
    private static readonly TimeSpan MinimumCircuitBreakerWindow = TimeSpan.FromMilliseconds(500);

    private TimeSpan? _maxSlotHold;

    /// <summary>
    /// The User-Agent header; it names the crawler and where to learn about it. Its product token (the text before the
    /// first '/' or space) is what robots.txt groups are matched against.
    /// </summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>Fetches at once on this silo, over all hosts and jobs (the CLI's --concurrency). Default 64.</summary>
    public int MaxConcurrentFetches { get; set; } = DefaultMaxConcurrentFetches;

    /// <summary>Largest body read, counted after decompression; the rest is cut and the result says so. Default 10 MiB.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>
    /// A compressed body that inflates more than this many times its size on the wire, once past
    /// <see cref="DecompressionRatioFloorBytes"/>, is treated as a decompression bomb and dropped. Default 100.
    /// </summary>
    public double MaxDecompressionRatio { get; set; } = DefaultMaxDecompressionRatio;

    /// <summary>Decompressed bytes below which the ratio is not judged, so small, very regular pages pass. Default 1 MiB.</summary>
    public long DecompressionRatioFloorBytes { get; set; } = DefaultDecompressionRatioFloorBytes;

    /// <summary>Time to open a connection (DNS, the address check and TCP). Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>Time from starting an attempt, connecting included, to having the whole response header; a slowloris server is cut here. Default 15 s.</summary>
    public TimeSpan HeaderTimeout { get; set; } = DefaultHeaderTimeout;

    /// <summary>Time for one attempt, headers and body. Each retry gets its own. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>Attempts per fetch in all, the first included; 1 turns retries off. Default 3.</summary>
    public int MaxAttempts { get; set; } = DefaultMaxAttempts;

    /// <summary>First backoff between attempts; it doubles each time, with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = DefaultRetryBaseDelay;

    /// <summary>Longest wait between attempts, also the cap on a server's Retry-After. Default 60 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = DefaultMaxRetryDelay;

    /// <summary>Share of failed attempts to one host (timeouts, connection errors, 5xx, 429) that opens its circuit. Default 0.5.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = DefaultCircuitBreakerFailureRatio;

    /// <summary>Attempts to one host within the sampling window before its failure ratio is judged (at least 2). Default 10.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = DefaultCircuitBreakerMinimumThroughput;

    /// <summary>The window over which a host's failure ratio is measured (at least 0.5 s). Default 30 s.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = DefaultCircuitBreakerSamplingDuration;

    /// <summary>How long an open circuit fails fetches to its host without sending them (at least 0.5 s). Default 30 s.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = DefaultCircuitBreakerBreakDuration;

    /// <summary>
    /// Longest a host is paused for every job after a 429 or 503 with Retry-After; a longer Retry-After is cut to this.
    /// Default 10 min.
    /// </summary>
    public TimeSpan MaxHostPause { get; set; } = DefaultMaxHostPause;

    /// <summary>
    /// Longest a URL waits in its host's line (robots.txt included) within one grain call; it then gets in line again
    /// later. Must stay below the silo's grain call timeout (<c>Silo:ResponseTimeout</c>, 30 s). Default 20 s.
    /// </summary>
    public TimeSpan MaxSlotWait { get; set; } = DefaultMaxSlotWait;

    /// <summary>
    /// Longest a granted fetch slot stays taken without being given back: the longest fetch (every attempt timing out,
    /// with the longest backoff between attempts) and a minute for the calls around it. The host then takes the slot
    /// back, so a caller lost with its silo (killed, frozen, cut off) does not keep one of the host's slots for good.
    /// Unset, it follows from the fetch settings: 4.5 min with the defaults. Set shorter, a fetch still running when its
    /// hold ends lets one more fetch start on the host than its concurrency allows.
    /// </summary>
    public TimeSpan MaxSlotHold
    {
        get => _maxSlotHold ?? (RequestTimeout * MaxAttempts) + (MaxRetryDelay * (MaxAttempts - 1)) + SlotHoldMargin;
        set => _maxSlotHold = value;
    }

    /// <summary>
    /// How often a URL held by a paused job asks whether the job still is; after five checks it gets in line again, so
    /// no turn (and no partition handover) waits on a pause for long. Default 1 s.
    /// </summary>
    public TimeSpan PauseCheck { get; set; } = DefaultPauseCheck;

    /// <summary>
    /// URLs this silo remembers as already discovered, so a link to one is not sent again (see <c>KnownDiscoveries</c>);
    /// it keeps up to twice this many, about 40 bytes each. 0 turns the memory off: every link is then sent and answered
    /// as a duplicate. Default 500,000.
    /// </summary>
    public int KnownUrls { get; set; } = DefaultKnownUrls;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            throw new ArgumentException("UserAgent must not be empty.");
        }

        using (var probe = new HttpRequestMessage())
        {
            if (!probe.Headers.UserAgent.TryParseAdd(UserAgent))
            {
                throw new ArgumentException($"UserAgent '{UserAgent}' is not a valid User-Agent header (product/version tokens and (comments)).");
            }
        }

        if (KnownUrls < 0)
        {
            throw new ArgumentException("KnownUrls must not be negative.");
        }

        if (MaxHostPause < TimeSpan.Zero || MaxSlotWait <= TimeSpan.Zero || PauseCheck <= TimeSpan.Zero || MaxSlotHold <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxHostPause must not be negative; MaxSlotWait, MaxSlotHold and PauseCheck must be positive.");
        }

        if (MaxConcurrentFetches < 1 || MaxBodyBytes < 1 || ConnectTimeout <= TimeSpan.Zero || HeaderTimeout <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxConcurrentFetches, MaxBodyBytes, ConnectTimeout, HeaderTimeout and RequestTimeout must be positive.");
        }

        if (MaxDecompressionRatio <= 1 || DecompressionRatioFloorBytes < 0)
        {
            throw new ArgumentException("MaxDecompressionRatio must be above 1 and DecompressionRatioFloorBytes not negative.");
        }

        if (MaxAttempts < 1 || RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            throw new ArgumentException("MaxAttempts must be at least 1, RetryBaseDelay not negative and MaxRetryDelay at least RetryBaseDelay.");
        }

        if (CircuitBreakerFailureRatio is <= 0 or > 1
            || CircuitBreakerMinimumThroughput < 2
            || CircuitBreakerSamplingDuration < MinimumCircuitBreakerWindow
            || CircuitBreakerBreakDuration < MinimumCircuitBreakerWindow)
        {
            throw new ArgumentException(
                "CircuitBreakerFailureRatio must be in (0, 1], CircuitBreakerMinimumThroughput at least 2, and the sampling and break durations at least 0.5 s.");
        }
    }
}

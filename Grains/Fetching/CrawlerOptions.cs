namespace Crawler.Grains.Fetching;

/// <summary>How a silo fetches. Every default is documented here and in the README.</summary>
public sealed class CrawlerOptions
{
    public const string DefaultUserAgent = "CrawlerBot/0.1 (+https://github.com/crawler/crawler)";
    public const int DefaultMaxConcurrentFetches = 64;
    public const long DefaultMaxBodyBytes = 10L * 1024 * 1024;
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The User-Agent header; it names the crawler and where to learn about it.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>Fetches at once on this silo, over all hosts and jobs (the CLI's --concurrency). Default 64.</summary>
    public int MaxConcurrentFetches { get; set; } = DefaultMaxConcurrentFetches;

    /// <summary>Largest body read; the rest is cut and the result says so. Default 10 MiB.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Time to open a connection. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>Time for a whole fetch, headers and body. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            throw new ArgumentException("UserAgent must not be empty.");
        }

        if (MaxConcurrentFetches < 1 || MaxBodyBytes < 1 || ConnectTimeout <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("MaxConcurrentFetches, MaxBodyBytes, ConnectTimeout and RequestTimeout must be positive.");
        }
    }
}

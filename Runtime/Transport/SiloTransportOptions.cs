namespace Crawler.Runtime.Transport;

/// <summary>
/// Settings of the HTTP transport between silo processes (and from clients to silos). Bound from the
/// <c>Silo</c> configuration section by the silo host, so <c>Silo:ClusterKey</c> sets the key.
/// </summary>
public sealed class SiloTransportOptions
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultPooledConnectionIdleTimeout = TimeSpan.FromMinutes(2);
    public const int DefaultMaxConnectionsPerSilo = 256;

    /// <summary>
    /// A secret every silo and client of the cluster shares; sent with each call and required by the silo's
    /// endpoint when set. A silo bound to a non-loopback address refuses to start without one. Default: none.
    /// Never logged.
    /// </summary>
    public string? ClusterKey { get; set; }

    /// <summary>How long opening a connection to a silo may take before the silo counts as unreachable. Default 2 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>An idle kept-alive connection to a silo is closed after this long. Default 2 min.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = DefaultPooledConnectionIdleTimeout;

    /// <summary>Connections at once to one silo (HTTP/1.1 runs one call per connection at a time). Default 256.</summary>
    public int MaxConnectionsPerSilo { get; set; } = DefaultMaxConnectionsPerSilo;

    public bool HasClusterKey => !string.IsNullOrEmpty(ClusterKey);

    public void Validate()
    {
        if (ConnectTimeout <= TimeSpan.Zero || PooledConnectionIdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ConnectTimeout and PooledConnectionIdleTimeout must be positive.");
        }

        if (MaxConnectionsPerSilo < 1)
        {
            throw new ArgumentException("MaxConnectionsPerSilo must be positive.");
        }

        if (ClusterKey is { Length: > 0 and < 16 })
        {
            throw new ArgumentException("ClusterKey must be at least 16 characters: it is the only thing guarding the silos' internal endpoint.");
        }
    }

    /// <summary>The settings for logs and status pages: whether a key is set, never the key.</summary>
    public override string ToString() =>
        $"ClusterKey={(HasClusterKey ? "(set)" : "(none)")}, ConnectTimeout={ConnectTimeout}, PooledConnectionIdleTimeout={PooledConnectionIdleTimeout}, MaxConnectionsPerSilo={MaxConnectionsPerSilo}";
}

namespace Crawler.Silo.Dashboard;

/// <summary>Settings of the dashboard (section <c>Dashboard</c>). Every default is documented; validated at start.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";
    public static readonly TimeSpan DefaultPeerTimeout = TimeSpan.FromSeconds(1.5);
    public const int DefaultMaxHosts = 200;
    public const int DefaultMaxJobs = 50;

    /// <summary>Serve the dashboard at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A path prefix the silo is reached under, for a reverse proxy that does not strip it (<c>/crawler</c>): every
    /// route is then served under it too. A proxy that strips its prefix says so with <c>X-Forwarded-Prefix</c>
    /// instead. Default: none.
    /// </summary>
    public string? PathBase { get; set; }

    /// <summary>Basic-auth user name, accepted besides the gateway's API key. Set with <see cref="Password"/>. Default: none.</summary>
    public string? Username { get; set; }

    /// <summary>Basic-auth password. Default: none. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>How long the answering silo waits for each peer's snapshot before showing it unreachable. Default 1.5 s.</summary>
    public TimeSpan PeerTimeout { get; set; } = DefaultPeerTimeout;

    /// <summary>Hosts listed per silo (the busiest first). Default 200.</summary>
    public int MaxHosts { get; set; } = DefaultMaxHosts;

    /// <summary>Jobs listed. Default 50.</summary>
    public int MaxJobs { get; set; } = DefaultMaxJobs;

    public bool HasBasicAuth => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);

    /// <summary>The settings fit for a log line: never the password.</summary>
    public override string ToString() =>
        $"Enabled={Enabled}, PathBase={PathBase ?? "(none)"}, BasicAuth={(HasBasicAuth ? "(set)" : "(none)")}, PeerTimeout={PeerTimeout}, MaxHosts={MaxHosts}, MaxJobs={MaxJobs}";
}

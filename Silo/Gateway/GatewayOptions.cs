namespace Crawler.Silo.Gateway;

/// <summary>Settings of the silo's HTTP gateway (section <c>Gateway</c>). Every default is documented; validated at start.</summary>
internal sealed class GatewayOptions
{
    public const string SectionName = "Gateway";
    public static readonly TimeSpan DefaultResultsPollInterval = TimeSpan.FromMilliseconds(250);
    public const long DefaultMaxSubmitBytes = 1024 * 1024;

    /// <summary>
    /// The key every <c>/api</c> request must carry (<c>X-Api-Key</c> or <c>Authorization: Bearer</c>) when set.
    /// Required when the silo is bound beyond loopback. Default: none. Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>How often a followed results stream looks for new results while the job runs. Default 250 ms.</summary>
    public TimeSpan ResultsPollInterval { get; set; } = DefaultResultsPollInterval;

    /// <summary>Largest job submission body accepted. Default 1 MiB.</summary>
    public long MaxSubmitBytes { get; set; } = DefaultMaxSubmitBytes;

    public bool RequiresApiKey => !string.IsNullOrEmpty(ApiKey);

    /// <summary>The settings fit for a log line: the key is never shown, only whether there is one.</summary>
    public override string ToString() =>
        $"ApiKey={(RequiresApiKey ? "(set)" : "(none)")}, ResultsPollInterval={ResultsPollInterval}, MaxSubmitBytes={MaxSubmitBytes}";
}

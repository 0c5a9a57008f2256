namespace Crawler.Silo.Dashboard;

/// <summary>
/// One silo seen from inside at <see cref="TakenAt"/>: its runtime (partitions, activations, grain methods), its
/// process (CPU, memory), its crawl rates, and the hosts and jobs whose grains it runs. Rates cover the time since the
/// silo's previous snapshot, so they exist only while someone watches.
/// </summary>
public sealed record SiloSnapshot
{
    public required string SiloId { get; init; }

    public required string Status { get; init; }

    public required string Address { get; init; }

    public DateTimeOffset TakenAt { get; init; }

    public IReadOnlyList<int> Partitions { get; init; } = [];

    /// <summary>Share of the machine's CPU the process used since the previous snapshot, 0-100.</summary>
    public double CpuPercent { get; init; }

    public long WorkingSetBytes { get; init; }

    public long GcHeapBytes { get; init; }

    public int Activations { get; init; }

    public IReadOnlyDictionary<string, int> ActivationsByType { get; init; } = new Dictionary<string, int>();

    /// <summary>Work waiting in the activations' in-memory queues.</summary>
    public long QueuedWork { get; init; }

    public long CommitsRefused { get; init; }

    public long PartitionsLost { get; init; }

    /// <summary>Grain turns per second, every method.</summary>
    public double TurnsPerSecond { get; init; }

    public IReadOnlyList<MethodView> Methods { get; init; } = [];

    /// <summary>Result lines recorded by this process since it started (crawl meter <c>crawler.pages</c>).</summary>
    public long Pages { get; init; }

    /// <summary>Of <see cref="Pages"/>, those without a response or with a 5xx.</summary>
    public long Errors { get; init; }

    public double PagesPerSecond { get; init; }

    public double ErrorsPerSecond { get; init; }

    public IReadOnlyList<HostView> Hosts { get; init; } = [];

    /// <summary>More hosts are active here than <see cref="Hosts"/> lists (capped by <c>Dashboard:MaxHosts</c>).</summary>
    public bool HostsTruncated { get; init; }

    /// <summary>Jobs whose grain is active on this silo.</summary>
    public IReadOnlyList<string> Jobs { get; init; } = [];
}

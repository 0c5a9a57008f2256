namespace Crawler.Runtime.Substrate;

/// <summary>A row of the membership table.</summary>
public sealed record SiloRecord(
    string SiloId,
    string Address,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset Heartbeat,
    int Activations);

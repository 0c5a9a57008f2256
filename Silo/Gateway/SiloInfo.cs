using Crawler.Runtime.Substrate;

namespace Crawler.Silo.Gateway;

/// <summary>A silo as the cluster view shows it: its membership row and how many partitions it holds a live lease on.</summary>
internal sealed record SiloInfo(
    string SiloId,
    string Address,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset Heartbeat,
    int Activations,
    int Partitions);

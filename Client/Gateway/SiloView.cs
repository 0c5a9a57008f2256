using Crawler.Runtime.Substrate;

namespace Crawler.Client.Gateway;

/// <summary>A silo in the gateway's cluster view: its membership row and the partitions it holds.</summary>
internal sealed record SiloView(
    string SiloId,
    string Address,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset Heartbeat,
    int Activations,
    int Partitions);

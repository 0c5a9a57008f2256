using System.Text.Json;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// <c>GET dashboard/api/grains/lookup?type=&amp;key=</c>: where a grain lives (its partition and the silo holding the
/// partition's lease), whether it is active there, and its committed state as the substrate holds it (JSON, or base64
/// when the state is not JSON; null when it has none).
/// </summary>
public sealed record GrainLookup(
    string Type,
    string Key,
    int Partition,
    string? Owner,
    bool? Active,
    bool HasState,
    JsonElement? State,
    string? StateBase64);

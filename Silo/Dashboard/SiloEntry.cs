namespace Crawler.Silo.Dashboard;

/// <summary>
/// A silo in the cluster view: its membership row and what became of asking it. <see cref="State"/> is <c>up</c>
/// (it answered; <see cref="Snapshot"/> is set), <c>dead</c> (the table says so, or its heartbeat is older than a
/// lease), <c>unreachable</c> (alive by the table but it did not answer in time; <see cref="Error"/> says why) or
/// <c>leaving</c>.
/// </summary>
public sealed record SiloEntry(
    string SiloId,
    string Address,
    string Membership,
    DateTimeOffset StartedAt,
    DateTimeOffset Heartbeat,
    string State,
    string? Error,
    SiloSnapshot? Snapshot);

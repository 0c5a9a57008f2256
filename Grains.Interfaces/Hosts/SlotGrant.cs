namespace Crawler.Grains.Interfaces;

/// <summary>
/// The host's answer: a slot granted at a time (by the host's clock), a refusal with its reason (robots.txt, a refused
/// address), or "busy": no slot came within the host's longest wait, so the caller asks again later.
/// </summary>
/// <param name="Allowed">A slot is held and must be released.</param>
/// <param name="GrantedAt">When, by the host's clock.</param>
/// <param name="Reason">Why the URL may not be fetched; null when allowed or busy.</param>
/// <param name="Busy">Nothing decided yet: the line was too long to wait within one grain call.</param>
/// <param name="Slot">
/// The granted slot's number, which its release names (0 when none is held). A slot not released within the host's
/// longest hold is taken back, and a late release of it then frees nothing: a caller lost with its silo cannot keep a
/// slot for good, nor free another caller's.
/// </param>
public sealed record SlotGrant(bool Allowed, DateTimeOffset GrantedAt, string? Reason, bool Busy = false, long Slot = 0)
{
    public static SlotGrant Refused(string reason, DateTimeOffset at) => new(false, at, reason);

    public static SlotGrant TryLater(DateTimeOffset at) => new(false, at, null, Busy: true);
}

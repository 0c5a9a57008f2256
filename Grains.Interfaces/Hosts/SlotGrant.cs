namespace Crawler.Grains.Interfaces;

/// <summary>The host's answer: a slot granted at a time (by the host's clock), or a refusal with its reason (robots.txt).</summary>
public sealed record SlotGrant(bool Allowed, DateTimeOffset GrantedAt, string? Reason)
{
    public static SlotGrant Refused(string reason, DateTimeOffset at) => new(false, at, reason);
}

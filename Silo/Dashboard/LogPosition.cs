namespace Crawler.Silo.Dashboard;

/// <summary>How far a reader has read one silo's log: the last <see cref="Sequence"/> seen of its ring's <see cref="Instance"/>.</summary>
public sealed record LogPosition(string Instance, long Sequence);

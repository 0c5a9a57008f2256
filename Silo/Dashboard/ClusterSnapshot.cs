namespace Crawler.Silo.Dashboard;

/// <summary><c>GET dashboard/api/cluster</c>: every silo of the membership table, each asked for its snapshot, and the totals.</summary>
public sealed record ClusterSnapshot(
    string AnsweringSilo,
    DateTimeOffset Now,
    IReadOnlyList<SiloEntry> Silos,
    ClusterTotals Totals,
    IReadOnlyList<HostView> Hosts,
    IReadOnlyList<string> Jobs);

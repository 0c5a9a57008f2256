namespace Crawler.Silo.Dashboard;

/// <summary>
/// <c>GET dashboard/api/logs</c>: the new lines of every live silo, oldest first, each tagged with its silo; the
/// <see cref="Cursor"/> to send back as <c>after</c> for the next ones; and the live silos that did not answer this
/// time (id and why), whose lines come in a later answer.
/// </summary>
public sealed record LogTail(IReadOnlyList<SiloLogLine> Lines, string Cursor, IReadOnlyDictionary<string, string> Unanswered);

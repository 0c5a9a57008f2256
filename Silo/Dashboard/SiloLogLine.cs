using Crawler.Silo.Logging;

namespace Crawler.Silo.Dashboard;

/// <summary>A line of the cluster's log tail: a <see cref="LogEntry"/> and the silo it came from.</summary>
public sealed record SiloLogLine(string Silo, long Sequence, DateTimeOffset Timestamp, string Level, string Source, string Message, string? Exception)
{
    public static SiloLogLine Of(string silo, LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(silo, entry.Sequence, entry.Timestamp, entry.Level, entry.Source, entry.Message, entry.Exception);
    }
}

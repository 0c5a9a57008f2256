namespace Crawler.Silo.Logging;

/// <summary>One log event as the dashboard's live tail shows it; <see cref="Sequence"/> lets a poller ask only for newer ones.</summary>
public sealed record LogEntry(long Sequence, DateTimeOffset Timestamp, string Level, string Source, string Message, string? Exception);

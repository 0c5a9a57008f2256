namespace Crawler.Silo.Logging;

/// <summary>
/// What a <see cref="LogRing"/> hands a reader: the ring's <see cref="Instance"/> (a new one each time the process
/// starts, when sequences start over at 1) and the entries the reader has not seen, oldest first.
/// </summary>
public sealed record LogSlice(string Instance, IReadOnlyList<LogEntry> Entries);

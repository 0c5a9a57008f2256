using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Crawler.Silo.Logging;

/// <summary>
/// A Serilog sink that keeps the last <see cref="Capacity"/> events in memory for the dashboard's log tail. Bounded,
/// so a chatty silo never grows it; rendering the message happens once per event, under a short lock. Sequences start
/// at 1 in each process, so a reader also keeps the ring's <see cref="Instance"/>: a position taken in another
/// instance (before a restart) says nothing about this one.
/// </summary>
public sealed class LogRing : ILogEventSink
{
    public const int DefaultCapacity = 500;
    private const int MaxMessageLength = 2000;

    // "l": string values as they are, not quoted as Serilog's default rendering does.
    private static readonly MessageTemplateTextFormatter MessageFormatter = new("{Message:l}", System.Globalization.CultureInfo.InvariantCulture);

    private readonly Lock _gate = new();
    private readonly LogEntry?[] _entries;
    private long _next;

    public LogRing(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new LogEntry?[capacity];
    }

    public int Capacity => _entries.Length;

    /// <summary>This ring's incarnation: random, so a silo restarted under the same id still gets a new one.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N")[..12];

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var source = logEvent.Properties.TryGetValue(Constants.SourceContextPropertyName, out var value) && value is ScalarValue { Value: string name }
            ? name
            : "";
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        MessageFormatter.Format(logEvent, text);
        var message = text.ToString();
        if (message.Length > MaxMessageLength)
        {
            message = message[..MaxMessageLength] + "...";
        }

        var exception = logEvent.Exception is { } ex ? $"{ex.GetType().FullName}: {ex.Message}" : null;
        lock (_gate)
        {
            var sequence = ++_next;
            _entries[sequence % _entries.Length] = new LogEntry(sequence, logEvent.Timestamp, logEvent.Level.ToString(), source, message, exception);
        }
    }

    /// <summary>The kept entries newer than <paramref name="after"/>, oldest first, at most <paramref name="max"/> (the newest ones).</summary>
    public IReadOnlyList<LogEntry> After(long after, int max)
    {
        lock (_gate)
        {
            var first = Math.Max(Math.Max(after + 1, _next - _entries.Length + 1), _next - max + 1);
            var list = new List<LogEntry>((int)Math.Max(0, _next - first + 1));
            for (var sequence = Math.Max(first, 1); sequence <= _next; sequence++)
            {
                list.Add(_entries[sequence % _entries.Length]!);
            }

            return list;
        }
    }

    /// <summary>
    /// The kept entries a reader at <paramref name="after"/> in <paramref name="instance"/> has not seen: those newer than
    /// <paramref name="after"/>, or every kept one when the reader's position is from another instance (null: no
    /// instance, the position counts as this one's). At most <paramref name="max"/>, the newest ones.
    /// </summary>
    public LogSlice Read(string? instance, long after, int max) =>
        new(Instance, After(instance is null || instance == Instance ? after : 0, max));
}

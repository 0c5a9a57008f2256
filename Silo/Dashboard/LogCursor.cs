using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// Where a reader of the cluster's log tail is: for each silo, the <see cref="LogPosition"/> it has read to. A silo
/// missing from it is read from the oldest line it keeps. The page holds it as an opaque token: per silo
/// <c>silo:instance:sequence</c>, joined by commas, the silo id and instance escaped as URI components.
/// </summary>
public sealed class LogCursor
{
    /// <summary>More silos than this in one token is not a cursor this dashboard wrote.</summary>
    public const int MaxSilos = 1024;

    private readonly Dictionary<string, LogPosition> _positions;

    public LogCursor(IEnumerable<KeyValuePair<string, LogPosition>> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        _positions = new Dictionary<string, LogPosition>(positions, StringComparer.Ordinal);
    }

    public static LogCursor Empty { get; } = new([]);

    public IReadOnlyDictionary<string, LogPosition> Positions => _positions;

    public LogPosition? PositionOf(string silo) => _positions.GetValueOrDefault(silo);

    /// <summary>Reads a token <see cref="ToString"/> wrote; null or empty is <see cref="Empty"/>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out LogCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            cursor = Empty;
            return true;
        }

        var parts = text.Split(',');
        if (parts.Length > MaxSilos)
        {
            return false;
        }

        var positions = new Dictionary<string, LogPosition>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var fields = part.Split(':');
            if (fields.Length != 3
                || fields[0].Length == 0
                || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                || !positions.TryAdd(Uri.UnescapeDataString(fields[0]), new LogPosition(Uri.UnescapeDataString(fields[1]), sequence)))
            {
                return false;
            }
        }

        cursor = new LogCursor(positions);
        return true;
    }

    public override string ToString() => string.Join(',', _positions
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(p.Key)}:{Uri.EscapeDataString(p.Value.Instance)}:{p.Value.Sequence}")));
}

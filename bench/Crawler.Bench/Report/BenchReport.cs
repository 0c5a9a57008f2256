using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Crawler.Bench.Report;

/// <summary>The suite's table on the console and the same rows as JSON, for comparing runs.</summary>
public sealed record BenchReport(DateTimeOffset StartedAt, string Machine, IReadOnlyList<BenchRow> Rows)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public Table ToTable()
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"crawler benchmarks, {StartedAt:yyyy-MM-dd HH:mm} UTC");
        table.AddColumn("measure");
        table.AddColumn(new TableColumn("median").RightAligned());
        table.AddColumn("unit");
        table.AddColumn(new TableColumn("runs").RightAligned());
        table.AddColumn(new TableColumn("target").RightAligned());
        table.AddColumn("met");
        foreach (var row in Rows)
        {
            table.AddRow(
                Markup.Escape(row.Measure),
                Format(row.Median),
                Markup.Escape(row.Unit),
                string.Join(" / ", row.Runs.Select(Format)),
                row.Target is { } target ? (row.LowerIsBetter ? "≤ " : "≥ ") + Format(target) : "-",
                row.Met switch { true => "[green]yes[/]", false => "[red]no[/]", null => "-" });
        }

        return table;
    }

    public async Task WriteJsonAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(
            file,
            new
            {
                StartedAt,
                Machine,
                Rows = Rows.Select(r => new { r.Measure, r.Unit, r.Median, r.Runs, r.Target, r.LowerIsBetter, r.Met, r.Note }),
            },
            Json,
            cancellationToken);
    }

    private static string Format(double value) => value switch
    {
        double.NaN => "n/a",
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("N2", CultureInfo.InvariantCulture),
        _ => value.ToString("G3", CultureInfo.InvariantCulture),
    };
}

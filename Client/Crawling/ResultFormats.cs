using Crawler.Client.Cli;

namespace Crawler.Client.Crawling;

/// <summary>Reads --format: jsonl or csv; when it is not given, a .csv output file means CSV and anything else JSON Lines.</summary>
internal static class ResultFormats
{
    public static ResultFormat Choose(string? format, string? outputPath) => format?.ToLowerInvariant() switch
    {
        null => outputPath?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true ? ResultFormat.Csv : ResultFormat.Jsonl,
        "jsonl" or "json" => ResultFormat.Jsonl,
        "csv" => ResultFormat.Csv,
        _ => throw new CliException($"--format must be jsonl or csv, not '{format}'"),
    };
}

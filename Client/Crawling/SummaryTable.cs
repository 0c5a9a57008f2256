using Crawler.Grains.Interfaces;
using Spectre.Console;

namespace Crawler.Client.Crawling;

/// <summary>The table printed when a crawl ends.</summary>
internal static class SummaryTable
{
    public static Table Build(CrawlOutcome outcome, string? outputPath)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var status = outcome.Status;
        var table = new Table().Border(TableBorder.Rounded).Title($"crawl {Markup.Escape(status.JobId)}: {status.State}");
        table.AddColumn("measure");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("pages", $"{status.Done:N0}");
        foreach (var (code, count) in status.StatusCodes.OrderBy(p => p.Key))
        {
            table.AddRow($"  status {code}", $"{count:N0}");
        }

        table.AddRow("errors", $"{status.Failed:N0}");
        table.AddRow("skipped", $"{status.Skipped:N0}");
        table.AddRow("bytes", FormatBytes(status.Bytes));
        table.AddRow("duration", $"{outcome.Duration.TotalSeconds:N2} s");
        table.AddRow("pages/s", $"{outcome.PagesPerSecond:N0}");
        if (outputPath is not null)
        {
            table.AddRow("results", Markup.Escape(outputPath));
        }

        return table;
    }

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):N2} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):N2} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:N1} KiB",
        _ => $"{bytes} B",
    };
}

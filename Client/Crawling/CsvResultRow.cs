using System.Globalization;
using System.Text;
using Crawler.Grains.Interfaces;

namespace Crawler.Client.Crawling;

/// <summary>Results as CSV (RFC 4180): a fixed header, fields quoted when they hold a comma, a quote or a line break.</summary>
internal static class CsvResultRow
{
    public const string Header = "url,final_url,status,content_type,title,depth,parent,links_found,bytes,fetch_ms,attempts,no_index,canonical,error,fetched_at";

    public static string Format(CrawlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var row = new StringBuilder(256);
        Field(row, result.Url);
        Field(row, result.FinalUrl);
        Field(row, result.Status?.ToString(CultureInfo.InvariantCulture));
        Field(row, result.ContentType);
        Field(row, result.Title);
        Field(row, result.Depth.ToString(CultureInfo.InvariantCulture));
        Field(row, result.Parent);
        Field(row, result.LinksFound.ToString(CultureInfo.InvariantCulture));
        Field(row, result.Bytes.ToString(CultureInfo.InvariantCulture));
        Field(row, result.FetchMs.ToString(CultureInfo.InvariantCulture));
        Field(row, result.Attempts.ToString(CultureInfo.InvariantCulture));
        Field(row, result.NoIndex ? "true" : "false");
        Field(row, result.Canonical);
        Field(row, result.Error);
        Field(row, result.FetchedAt.ToString("O", CultureInfo.InvariantCulture), last: true);
        return row.ToString();
    }

    private static void Field(StringBuilder row, string? value, bool last = false)
    {
        if (value is not null)
        {
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                row.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                row.Append(value);
            }
        }

        if (!last)
        {
            row.Append(',');
        }
    }
}

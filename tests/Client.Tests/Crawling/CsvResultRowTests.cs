using Crawler.Client.Crawling;
using Crawler.Grains.Interfaces;

namespace Crawler.Client.Tests.Crawling;

public sealed class CsvResultRowTests
{
    [Fact]
    public void Format_FieldsWithCommasQuotesAndLineBreaks_AreQuotedPerRfc4180()
    {
        var result = new CrawlResult
        {
            Url = "http://127.0.0.1/a,b",
            FinalUrl = "http://127.0.0.1/a,b",
            Status = 200,
            Title = "Say \"hi\"\nthere",
            Error = null,
            FetchedAt = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero),
        };

        var row = CsvResultRow.Format(result);

        Assert.Equal(
            "\"http://127.0.0.1/a,b\",\"http://127.0.0.1/a,b\",200,,\"Say \"\"hi\"\"\nthere\",0,,0,0,0,0,false,,,2026-11-22T03:00:00.0000000+00:00",
            row);
        Assert.Equal(15, CsvResultRow.Header.Split(',').Length);
    }

    [Theory]
    [InlineData(null, null, "Jsonl")]
    [InlineData(null, "out.CSV", "Csv")]
    [InlineData(null, "out.jsonl", "Jsonl")]
    [InlineData("csv", "out.jsonl", "Csv")]
    [InlineData("JSONL", "out.csv", "Jsonl")]
    public void Choose_FormatOrExtension_PicksTheFormat(string? format, string? path, string expected) =>
        Assert.Equal(expected, ResultFormats.Choose(format, path).ToString());
}

using System.Text;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using Crawler.Grains.Links;

namespace Crawler.Bench.Micro;

/// <summary>
/// Link extraction of a 10 KB page: the crawler's extractor, and as reference AngleSharp's full parse with a query
/// for the links. MB/s per core is <see cref="PageBytes"/> divided by the mean time of one operation.
/// </summary>
[MemoryDiagnoser]
public class LinkExtractionBenchmarks
{
    private readonly LinkExtractor _extractor = new();
    private readonly HtmlParser _parser = new();
    private string _page = "";

    /// <summary>UTF-8 size of the page; written to the console so the harness can turn times into MB/s.</summary>
    public int PageBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _page = MicroCorpus.Page(7);
        PageBytes = Encoding.UTF8.GetByteCount(_page);
        Console.WriteLine($"// page bytes: {PageBytes}");
    }

    [Benchmark(Description = "LinkExtractor.Extract (crawler)")]
    public int Extract() => _extractor.Extract(_page, MicroCorpus.PageUrl).Links.Count;

    [Benchmark(Baseline = true, Description = "AngleSharp full parse + a[href] (reference)")]
    public int FullParse()
    {
        using var document = _parser.ParseDocument(_page);
        return document.QuerySelectorAll("a[href]").Length;
    }
}

namespace Crawler.Client.Crawling;

/// <summary>How results are written: JSON Lines (one object per URL, every field) or CSV (one row per URL, a header row).</summary>
internal enum ResultFormat
{
    Jsonl,
    Csv,
}

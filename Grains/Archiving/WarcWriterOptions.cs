namespace Crawler.Grains.Archiving;

/// <summary>Where and how a <see cref="WarcWriter"/> writes.</summary>
public sealed record WarcWriterOptions
{
    public const long DefaultMaxFileBytes = 1L << 30;

    /// <summary>
    /// The path the user gave (crawl.warc.gz); files are written beside it as crawl-00000.warc.gz, crawl-00001... and,
    /// with a <see cref="WriterName"/>, crawl-{name}-00000.warc.gz, so silos sharing a folder never write one file.
    /// </summary>
    public required string Path { get; init; }

    /// <summary>Tells writers apart (a silo id); null for a single writer.</summary>
    public string? WriterName { get; init; }

    /// <summary>A file is closed and the next begun once it would pass this size (compressed). Default 1 GiB.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>Written into each file's warcinfo record.</summary>
    public string Software { get; init; } = "crawler/0.1";

    /// <summary>Extra warcinfo fields (robots policy, job id, user agent...).</summary>
    public IReadOnlyDictionary<string, string> InfoFields { get; init; } = new Dictionary<string, string>();
}

using System.Text.Json;
using Crawler.Client.Cli;
using Crawler.Grains.Interfaces;

namespace Crawler.Client.Crawling;

/// <summary>
/// Writes results as JSON Lines (one object per URL) or CSV, in the order they were recorded. The file is flushed at
/// least every <see cref="FlushInterval"/> while results come, so it can be followed and a killed crawl keeps them.
/// </summary>
internal sealed class ResultWriter : IAsyncDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly ResultFormat _format;
    private readonly TimeProvider _time = TimeProvider.System;
    private long _lastFlush;

    private ResultWriter(TextWriter writer, bool ownsWriter, ResultFormat format)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
        _format = format;
        _lastFlush = _time.GetTimestamp();
        if (format == ResultFormat.Csv)
        {
            writer.WriteLine(CsvResultRow.Header);
        }
    }

    public long Count { get; private set; }

    /// <summary>Opens (creates or truncates) the file; fails at once with a clear message if it cannot be written.</summary>
    public static ResultWriter Open(string path, ResultFormat format = ResultFormat.Jsonl)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
            return new ResultWriter(new StreamWriter(stream) { AutoFlush = false }, ownsWriter: true, format);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException($"cannot write the output file '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Writes to a writer the caller owns (standard output); it is flushed, not closed, at the end.</summary>
    public static ResultWriter To(TextWriter writer, ResultFormat format = ResultFormat.Jsonl) => new(writer, ownsWriter: false, format);

    public async Task WriteAsync(CrawlResult result, CancellationToken cancellationToken)
    {
        var line = _format == ResultFormat.Csv ? CsvResultRow.Format(result) : JsonSerializer.Serialize(result, Json);
        await _writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        Count++;
        if (_time.GetElapsedTime(_lastFlush) >= FlushInterval)
        {
            await _writer.FlushAsync(cancellationToken);
            _lastFlush = _time.GetTimestamp();
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        if (_ownsWriter)
        {
            await _writer.DisposeAsync();
        }
    }
}

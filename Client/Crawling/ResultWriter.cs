using System.Text.Json;
using Crawler.Client.Cli;
using Crawler.Grains.Interfaces;

namespace Crawler.Client.Crawling;

/// <summary>Writes results as JSON Lines: one object per URL, in the order they were recorded.</summary>
internal sealed class ResultWriter : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly StreamWriter _writer;

    private ResultWriter(StreamWriter writer) => _writer = writer;

    public long Count { get; private set; }

    /// <summary>Opens (creates or truncates) the file; fails at once with a clear message if it cannot be written.</summary>
    public static ResultWriter Open(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
            return new ResultWriter(new StreamWriter(stream) { AutoFlush = false });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliException($"cannot write the output file '{path}': {ex.Message}", ex);
        }
    }

    public async Task WriteAsync(CrawlResult result, CancellationToken cancellationToken)
    {
        await _writer.WriteLineAsync(JsonSerializer.Serialize(result, Json).AsMemory(), cancellationToken);
        Count++;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }
}

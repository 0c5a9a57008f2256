using System.Collections.Concurrent;

namespace Crawler.Grains.Archiving;

/// <summary>
/// The silo's open WARC writers, one per archive path, shared by every URL grain of the jobs writing there and
/// closed when the silo stops. The writer name (the silo's id in a cluster) keeps silos sharing a folder apart.
/// </summary>
public sealed class WarcArchives(string? writerName = null, TimeProvider? timeProvider = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<WarcWriter>> _writers = new(StringComparer.Ordinal);

    public Task WriteAsync(string path, HttpExchange exchange, CancellationToken cancellationToken)
    {
        var writer = _writers.GetOrAdd(
            path,
            p => new Lazy<WarcWriter>(() => new WarcWriter(new WarcWriterOptions { Path = p, WriterName = writerName }, timeProvider)));
        return writer.Value.WriteAsync(exchange, cancellationToken);
    }

    /// <summary>The files written for <paramref name="path"/> so far.</summary>
    public IReadOnlyList<string> FilesOf(string path) => _writers.TryGetValue(path, out var writer) && writer.IsValueCreated ? writer.Value.Files : [];

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _writers.Values.Where(w => w.IsValueCreated))
        {
            await writer.Value.DisposeAsync();
        }

        _writers.Clear();
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Crawler.Grains.Archiving;

/// <summary>
/// Writes WARC/1.1 files (ISO 28500): a warcinfo record opens each file, then for every fetch a request and a response
/// record that name each other in WARC-Concurrent-To, with block and payload digests and WARC-Truncated: length for a
/// body cut at the size limit. Every record is its own gzip member, so readers can seek to any record, and a file
/// rolls over to the next when it would pass the size limit. Safe to call from many turns at once.
/// </summary>
/// <remarks>
/// The crawler's HTTP client decodes gzip, deflate and br as it reads, so the response record holds the decoded
/// body; its head says so: Content-Encoding and Content-Length are renamed X-Crawler-Original-Content-Encoding and
/// X-Crawler-Original-Content-Length, and a Content-Length of the archived body is added, keeping the record a valid
/// HTTP message that replay tools read as written.
/// </remarks>
public sealed class WarcWriter : IAsyncDisposable
{
    private static readonly byte[] RecordEnd = "\r\n\r\n"u8.ToArray();

    private readonly WarcWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _files = [];
    private FileStream? _file;
    private int _sequence = -1;
    private int _recordsInFile;

    public WarcWriter(WarcWriterOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFileBytes, 4096);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Files this writer has written so far, in order (an earlier run's files under the same name are not among them).</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_files)
            {
                return [.. _files];
            }
        }
    }

    public async Task WriteAsync(HttpExchange exchange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var requestId = NewRecordId();
        var responseId = NewRecordId();
        var responseBlock = Concat(ArchivedHead(exchange.ResponseHead, exchange.Payload.Length), exchange.Payload.Span);
        var response = Record("response", exchange.TargetUri, exchange.Date, responseId, requestId, "application/http;msgtype=response", responseBlock, exchange, withPayload: true);
        var request = Record("request", exchange.TargetUri, exchange.Date, requestId, responseId, "application/http;msgtype=request", exchange.RequestHead, exchange, withPayload: false);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The pair stays in one file: rolling over happens before it, never between its records.
            await EnsureFileAsync(response.Length + request.Length, cancellationToken);
            await _file!.WriteAsync(response, cancellationToken);
            await _file.WriteAsync(request, cancellationToken);
            await _file.FlushAsync(cancellationToken);
            _recordsInFile += 2;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_file is not null)
            {
                await _file.DisposeAsync();
                _file = null;
            }
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    private async Task EnsureFileAsync(long nextBytes, CancellationToken cancellationToken)
    {
        if (_file is not null && (_recordsInFile == 0 || _file.Length + nextBytes <= _options.MaxFileBytes))
        {
            return;
        }

        if (_file is not null)
        {
            await _file.DisposeAsync();
        }

        // A resumed crawl (or a restarted silo) writes to the same path: its files follow the earlier run's, never
        // over them.
        string path;
        do
        {
            _sequence++;
            path = FileName(_sequence);
        }
        while (File.Exists(path));

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true);
        lock (_files)
        {
            _files.Add(path);
        }

        _recordsInFile = 0;
        await _file.WriteAsync(WarcInfo(Path.GetFileName(path)), cancellationToken);
    }

    private string FileName(int sequence)
    {
        var path = _options.Path;
        var stem = path.EndsWith(".warc.gz", StringComparison.OrdinalIgnoreCase) ? path[..^".warc.gz".Length] : path;
        var writer = _options.WriterName is { } name ? "-" + name : "";
        return string.Create(CultureInfo.InvariantCulture, $"{stem}{writer}-{sequence:00000}.warc.gz");
    }

    private byte[] WarcInfo(string fileName)
    {
        var fields = new StringBuilder();
        fields.Append("software: ").Append(_options.Software).Append("\r\n");
        fields.Append("format: WARC File Format 1.1\r\n");
        fields.Append("conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n");
        foreach (var (key, value) in _options.InfoFields)
        {
            fields.Append(key).Append(": ").Append(value).Append("\r\n");
        }

        var block = Encoding.UTF8.GetBytes(fields.ToString());
        var header = new StringBuilder();
        header.Append("WARC/1.1\r\n");
        header.Append("WARC-Type: warcinfo\r\n");
        header.Append("WARC-Record-ID: ").Append(NewRecordId()).Append("\r\n");
        header.Append("WARC-Date: ").Append(Date(_time.GetUtcNow())).Append("\r\n");
        header.Append("WARC-Filename: ").Append(fileName).Append("\r\n");
        header.Append("Content-Type: application/warc-fields\r\n");
        header.Append("WARC-Block-Digest: ").Append(WarcDigest.Sha1(block)).Append("\r\n");
        header.Append(CultureInfo.InvariantCulture, $"Content-Length: {block.Length}\r\n\r\n");
        return Gzip(Encoding.UTF8.GetBytes(header.ToString()), block);
    }

    private static byte[] Record(string type, Uri target, DateTimeOffset date, string id, string concurrentTo, string contentType, ReadOnlySpan<byte> block, HttpExchange exchange, bool withPayload)
    {
        var header = new StringBuilder();
        header.Append("WARC/1.1\r\n");
        header.Append("WARC-Type: ").Append(type).Append("\r\n");
        header.Append("WARC-Record-ID: ").Append(id).Append("\r\n");
        header.Append("WARC-Date: ").Append(Date(date)).Append("\r\n");
        header.Append("WARC-Target-URI: ").Append(target.AbsoluteUri).Append("\r\n");
        header.Append("WARC-Concurrent-To: ").Append(concurrentTo).Append("\r\n");
        if (exchange.IpAddress is { } ip)
        {
            header.Append("WARC-IP-Address: ").Append(ip).Append("\r\n");
        }

        header.Append("Content-Type: ").Append(contentType).Append("\r\n");
        header.Append("WARC-Block-Digest: ").Append(WarcDigest.Sha1(block)).Append("\r\n");
        if (withPayload)
        {
            header.Append("WARC-Payload-Digest: ").Append(WarcDigest.Sha1(exchange.Payload.Span)).Append("\r\n");
            if (exchange.PayloadTruncated)
            {
                header.Append("WARC-Truncated: length\r\n");
            }
        }

        header.Append(CultureInfo.InvariantCulture, $"Content-Length: {block.Length}\r\n\r\n");
        return Gzip(Encoding.UTF8.GetBytes(header.ToString()), block);
    }

    /// <summary>The response head as archived: the encoding and length of the wire renamed, the archived length added.</summary>
    private static byte[] ArchivedHead(byte[] head, int payloadLength)
    {
        var text = Encoding.Latin1.GetString(head);
        var lines = text.Split("\r\n");
        var output = new StringBuilder(text.Length + 64);
        output.Append(lines[0]).Append("\r\n");
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("Content-Encoding:", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))
            {
                output.Append("X-Crawler-Original-").Append(line).Append("\r\n");
                continue;
            }

            output.Append(line).Append("\r\n");
        }

        output.Append(CultureInfo.InvariantCulture, $"Content-Length: {payloadLength}\r\n\r\n");
        return Encoding.Latin1.GetBytes(output.ToString());
    }

    private static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var all = new byte[first.Length + second.Length];
        first.CopyTo(all);
        second.CopyTo(all.AsSpan(first.Length));
        return all;
    }

    private static byte[] Gzip(byte[] header, ReadOnlySpan<byte> block)
    {
        using var buffer = new MemoryStream(header.Length + (block.Length / 2) + 64);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(header);
            gzip.Write(block);
            gzip.Write(RecordEnd);
        }

        return buffer.ToArray();
    }

    private static string NewRecordId() => $"<urn:uuid:{Guid.NewGuid()}>";

    private static string Date(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

using System.Text;
using Crawler.Grains.Archiving;
using Crawler.Testing;
using Crawler.Testing.Warc;

namespace Crawler.Grains.Tests.Archiving;

public sealed class WarcWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("warc-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WriteAsync_OneExchange_WritesInfoRequestAndResponseThatReadBack()
    {
        var payload = Encoding.UTF8.GetBytes("<html><body>héllo</body></html>");
        await using (var writer = new WarcWriter(new WarcWriterOptions { Path = Path.Combine(_directory, "crawl.warc.gz") }, new FakeTimeProvider()))
        {
            await writer.WriteAsync(Exchange("http://127.0.0.1:8080/a?b=1", payload, "Content-Type: text/html\r\nContent-Length: 33\r\n"), CancellationToken.None);
        }

        var file = Path.Combine(_directory, "crawl-00000.warc.gz");
        var records = WarcTestReader.Read(file);

        Assert.Equal(["warcinfo", "response", "request"], records.Select(r => r.Type));
        Assert.Equal(3, WarcTestReader.CountRecordMembers(file));
        Assert.Equal("crawl-00000.warc.gz", records[0].Headers["WARC-Filename"]);
        var response = records[1];
        var request = records[2];
        Assert.Equal("http://127.0.0.1:8080/a?b=1", response.Headers["WARC-Target-URI"]);
        Assert.Equal(request.Headers["WARC-Record-ID"], response.Headers["WARC-Concurrent-To"]);
        Assert.Equal(response.Headers["WARC-Record-ID"], request.Headers["WARC-Concurrent-To"]);
        Assert.Equal("application/http;msgtype=response", response.Headers["Content-Type"]);
        Assert.Equal(WarcTestReader.Base32Sha1(payload), response.Headers["WARC-Payload-Digest"]);
        Assert.False(response.Headers.ContainsKey("WARC-Truncated"));
        Assert.Equal(payload, Body(response.Block));
        Assert.StartsWith("GET /a?b=1 HTTP/1.1\r\n", Encoding.ASCII.GetString(request.Block), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_DecodedBody_RenamesWireEncodingAndLength()
    {
        var payload = Encoding.UTF8.GetBytes("decoded body");
        await using (var writer = new WarcWriter(new WarcWriterOptions { Path = Path.Combine(_directory, "x.warc.gz") }))
        {
            await writer.WriteAsync(Exchange("http://127.0.0.1/", payload, "Content-Encoding: gzip\r\nContent-Length: 5\r\n"), CancellationToken.None);
        }

        var head = Head(WarcTestReader.Read(Path.Combine(_directory, "x-00000.warc.gz"))[1].Block);

        Assert.Contains("X-Crawler-Original-Content-Encoding: gzip\r\n", head, StringComparison.Ordinal);
        Assert.Contains("X-Crawler-Original-Content-Length: 5\r\n", head, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {payload.Length}\r\n", head, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nContent-Encoding:", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_TruncatedBody_IsMarkedTruncatedLength()
    {
        await using (var writer = new WarcWriter(new WarcWriterOptions { Path = Path.Combine(_directory, "t.warc.gz") }))
        {
            await writer.WriteAsync(Exchange("http://127.0.0.1/big", new byte[100], "") with { PayloadTruncated = true }, CancellationToken.None);
        }

        Assert.Equal("length", WarcTestReader.Read(Path.Combine(_directory, "t-00000.warc.gz"))[1].Headers["WARC-Truncated"]);
    }

    [Fact]
    public async Task WriteAsync_PastTheSizeLimit_RollsOverWithAWarcinfoPerFileAndNoPairSplit()
    {
        var random = new Random(1);
        var exchanges = Enumerable.Range(0, 12).Select(i =>
        {
            var body = new byte[3000];
            random.NextBytes(body);
            return Exchange($"http://127.0.0.1/p{i}", body, "");
        }).ToList();
        string[] files;
        await using (var writer = new WarcWriter(new WarcWriterOptions { Path = Path.Combine(_directory, "r.warc.gz"), MaxFileBytes = 10_000, WriterName = "silo-a" }))
        {
            foreach (var exchange in exchanges)
            {
                await writer.WriteAsync(exchange, CancellationToken.None);
            }

            files = [.. writer.Files];
        }

        Assert.True(files.Length > 2);
        Assert.All(files, f => Assert.Matches(@"r-silo-a-\d{5}\.warc\.gz$", f));
        var perFile = files.Select(WarcTestReader.Read).ToList();
        Assert.All(perFile, records => Assert.Equal("warcinfo", records[0].Type));
        Assert.All(perFile, records => Assert.Equal(records.Count - 1, records.Count(r => r.Type is "response" or "request")));
        Assert.All(perFile, records => Assert.Equal(0, (records.Count - 1) % 2));
        Assert.All(files.SkipLast(1), f => Assert.True(new FileInfo(f).Length <= 10_000 || WarcTestReader.Read(f).Count == 3));
        var responses = perFile.SelectMany(r => r).Where(r => r.Type == "response").ToList();
        Assert.Equal(exchanges.Select(e => e.TargetUri.AbsoluteUri), responses.Select(r => r.Headers["WARC-Target-URI"]));
        Assert.Equal(exchanges.Select(e => e.Payload.ToArray()), responses.Select(r => Body(r.Block)));
    }

    [Fact]
    public async Task WriteAsync_ManyTurnsAtOnce_EveryRecordIsWholeAndReadable()
    {
        await using (var writer = new WarcWriter(new WarcWriterOptions { Path = Path.Combine(_directory, "c.warc.gz") }))
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
                writer.WriteAsync(Exchange($"http://127.0.0.1/c{i}", Encoding.UTF8.GetBytes($"body {i}"), ""), CancellationToken.None))));
        }

        var records = WarcTestReader.Read(Path.Combine(_directory, "c-00000.warc.gz"));

        Assert.Equal(101, records.Count);
        Assert.Equal(50, records.Where(r => r.Type == "response").Select(r => Encoding.UTF8.GetString(Body(r.Block))).Distinct().Count());
    }

    [Fact]
    public async Task WriteAsync_SamePathAsAnEarlierRun_FollowsItsFilesInsteadOfOverwritingThem()
    {
        var path = Path.Combine(_directory, "again.warc.gz");
        await using (var first = new WarcWriter(new WarcWriterOptions { Path = path }))
        {
            await first.WriteAsync(Exchange("http://127.0.0.1/first", Encoding.UTF8.GetBytes("first run"), ""), CancellationToken.None);
        }

        string[] files;
        await using (var second = new WarcWriter(new WarcWriterOptions { Path = path }))
        {
            await second.WriteAsync(Exchange("http://127.0.0.1/second", Encoding.UTF8.GetBytes("second run"), ""), CancellationToken.None);
            files = [.. second.Files];
        }

        Assert.Equal([Path.Combine(_directory, "again-00001.warc.gz")], files);
        Assert.Equal("http://127.0.0.1/first", WarcTestReader.Read(Path.Combine(_directory, "again-00000.warc.gz"))[1].Headers["WARC-Target-URI"]);
        Assert.Equal("http://127.0.0.1/second", WarcTestReader.Read(files[0])[1].Headers["WARC-Target-URI"]);
    }

    private static HttpExchange Exchange(string url, byte[] payload, string extraHeaders)
    {
        var uri = new Uri(url);
        var request = Encoding.ASCII.GetBytes($"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUser-Agent: test\r\n\r\n");
        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\n{extraHeaders}\r\n");
        return new HttpExchange(uri, new DateTimeOffset(2026, 11, 22, 3, 4, 5, TimeSpan.Zero), request, response, payload);
    }

    private static string Head(byte[] block)
    {
        var text = Encoding.Latin1.GetString(block);
        return text[..(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)];
    }

    private static byte[] Body(byte[] block)
    {
        var end = block.AsSpan().IndexOf("\r\n\r\n"u8);
        return block[(end + 4)..];
    }
}

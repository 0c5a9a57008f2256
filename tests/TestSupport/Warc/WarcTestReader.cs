using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Crawler.Testing.Warc;

/// <summary>
/// An independent WARC reader for the tests (no code shared with the writer): it reads each gzip member on its own,
/// checks the version line, the header syntax, the mandatory fields, the record's trailing CRLF CRLF, and recomputes
/// the block digest with its own base32.
/// </summary>
public static class WarcTestReader
{
    private static readonly string[] Mandatory = ["WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length"];

    public static List<WarcFileRecord> Read(string path)
    {
        var records = new List<WarcFileRecord>();
        var compressed = File.ReadAllBytes(path);
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var all = new MemoryStream();
        gzip.CopyTo(all);
        var data = all.ToArray();
        var position = 0;
        while (position < data.Length)
        {
            records.Add(ReadRecord(data, ref position));
        }

        return records;
    }

    /// <summary>
    /// Offsets where a gzip member that decompresses to a WARC record starts: with one member per record, as many
    /// as there are records, and each record can be read from its offset alone.
    /// </summary>
    public static int CountRecordMembers(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var count = 0;
        for (var i = 0; i + 2 < bytes.Length; i++)
        {
            if (bytes[i] == 0x1f && bytes[i + 1] == 0x8b && bytes[i + 2] == 8 && StartsRecordMember(bytes, i))
            {
                count++;
            }
        }

        return count;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "WARC digests are SHA-1 by convention.")]
    public static string Base32Sha1(byte[] data)
    {
        var hash = SHA1.HashData(data);
        var bits = new StringBuilder();
        foreach (var b in hash)
        {
            bits.Append(Convert.ToString(b, 2).PadLeft(8, '0'));
        }

        var text = new StringBuilder("sha1:");
        for (var i = 0; i < bits.Length; i += 5)
        {
            text.Append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[Convert.ToInt32(bits.ToString(i, 5), 2)]);
        }

        return text.ToString();
    }

    private static bool StartsRecordMember(byte[] bytes, int start)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes, start, bytes.Length - start), CompressionMode.Decompress);
            Span<byte> head = stackalloc byte[8];
            gzip.ReadExactly(head);
            return head.SequenceEqual("WARC/1.1"u8);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            return false;
        }
    }

    private static WarcFileRecord ReadRecord(byte[] data, ref int position)
    {
        var version = ReadLine(data, ref position);
        Assert.Equal("WARC/1.1", version);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var line = ReadLine(data, ref position);
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"bad WARC header line '{line}'");
            Assert.DoesNotContain(' ', line[..colon]);
            headers.Add(line[..colon], line[(colon + 1)..].Trim());
        }

        foreach (var field in Mandatory)
        {
            Assert.True(headers.ContainsKey(field), $"record without {field}");
        }

        Assert.Matches(@"^<urn:uuid:[0-9a-f-]{36}>$", headers["WARC-Record-ID"]);
        Assert.True(DateTimeOffset.TryParseExact(headers["WARC-Date"], ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), headers["WARC-Date"]);
        var length = int.Parse(headers["Content-Length"], CultureInfo.InvariantCulture);
        var block = data.AsSpan(position, length).ToArray();
        position += length;
        Assert.Equal("\r\n\r\n", Encoding.ASCII.GetString(data, position, 4));
        position += 4;
        if (headers.TryGetValue("WARC-Block-Digest", out var digest))
        {
            Assert.Equal(Base32Sha1(block), digest);
        }

        return new WarcFileRecord(version, headers, block);
    }

    private static string ReadLine(byte[] data, ref int position)
    {
        var end = data.AsSpan(position).IndexOf("\r\n"u8);
        Assert.True(end >= 0, "a header line without CRLF");
        var line = Encoding.UTF8.GetString(data, position, end);
        position += end + 2;
        return line;
    }
}

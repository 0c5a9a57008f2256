using System.Security.Cryptography;

namespace Crawler.Grains.Archiving;

/// <summary>WARC digests: SHA-1 in RFC 4648 base32, written "sha1:" and 32 letters, as Heritrix and wget write them.</summary>
public static class WarcDigest
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "WARC readers expect SHA-1 digests; they identify content, they do not protect it.")]
    public static string Sha1(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(data, hash);
        return "sha1:" + Base32(hash);
    }

    /// <summary>RFC 4648 base32 with padding; a 20-byte SHA-1 needs none.</summary>
    public static string Base32(ReadOnlySpan<byte> data)
    {
        var output = new char[(data.Length + 4) / 5 * 8];
        var written = 0;
        var buffer = 0;
        var bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output[written++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            output[written++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        while (written < output.Length)
        {
            output[written++] = '=';
        }

        return new string(output);
    }
}

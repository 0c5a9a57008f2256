using System.Security.Cryptography;
using System.Text;

namespace Crawler.Grains.Crawl;

/// <summary>
/// The URL grains of this silo that have received a discovery, with the least depth seen, so a page's links to them
/// are not sent again: most links of a site lead to pages already discovered, and each such discovery would cost a
/// durable message, a turn of the URL grain and a progress message to the job, only to be answered "duplicate".
/// </summary>
/// <remarks>
/// An entry is made when a URL grain takes a discovery from its mailbox, so the discovery it stands for is durable:
/// whatever becomes of that turn (retried, redelivered to another silo), the URL will be crawled at that depth or
/// less, and a link at the same or a greater depth would be a duplicate. A link is sent whenever the memory is unsure.
/// Keys are the first 128 bits of the SHA-256 of the grain key (no collision in practice; a 64-bit hash would risk one
/// in crawls of many millions). Two generations bound the memory: when the young one is full, the old one is dropped.
/// </remarks>
public sealed class KnownDiscoveries(int capacity)
{
    private readonly Lock _gate = new();
    private Dictionary<UInt128, int> _young = [];
    private Dictionary<UInt128, int> _old = [];

    /// <summary>A URL grain took a discovery at <paramref name="depth"/>.</summary>
    public void Received(string urlKey, int depth)
    {
        if (capacity == 0)
        {
            return;
        }

        var key = KeyOf(urlKey);
        lock (_gate)
        {
            var least = Math.Min(depth, Least(key) ?? int.MaxValue);
            if (_young.Count >= capacity && !_young.ContainsKey(key))
            {
                _old = _young;
                _young = new Dictionary<UInt128, int>(capacity);
            }

            _young[key] = least;
        }
    }

    /// <summary>Whether a discovery of this URL at this depth would only be answered as a duplicate.</summary>
    public bool IsKnown(string urlKey, int depth)
    {
        if (capacity == 0)
        {
            return false;
        }

        var key = KeyOf(urlKey);
        lock (_gate)
        {
            return Least(key) <= depth;
        }
    }

    private int? Least(UInt128 key) =>
        _young.TryGetValue(key, out var young) ? young : _old.TryGetValue(key, out var old) ? old : null;

    private static UInt128 KeyOf(string urlKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetMaxByteCount(urlKey.Length);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(urlKey, bytes)], hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }
}

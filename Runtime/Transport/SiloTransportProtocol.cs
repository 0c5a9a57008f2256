using System.Security.Cryptography;
using System.Text;

namespace Crawler.Runtime.Transport;

/// <summary>
/// The wire contract of request calls between silo processes, both sides in one place. A call is
/// <c>POST /_silo/invoke</c> with <c>{"type","key","partition","method","arguments":[...]}</c>; the answer is
/// <c>200 {"result": ...}</c> or an error <c>{"kind","type","message","silo"}</c> with the status of its kind.
/// </summary>
internal static class SiloTransportProtocol
{
    public const string InvokePath = "/_silo/invoke";

    public const string StatusPath = "/_silo/status";

    public const string ClusterKeyHeader = "X-Crawler-Cluster-Key";

    public const string JsonMediaType = "application/json";

    /// <summary>The silo does not hold the partition (any more): 421 Misdirected Request.</summary>
    public const string PartitionMoved = "partition-moved";

    /// <summary>The silo is starting, stopping or stopped: 503.</summary>
    public const string SiloStopping = "silo-stopping";

    /// <summary>The grain threw: 500, with the exception's type and message.</summary>
    public const string GrainError = "grain-error";

    /// <summary>The call names a method, grain type or partition this silo cannot take: 400.</summary>
    public const string BadRequest = "bad-request";

    /// <summary>The cluster key is missing or wrong: 401.</summary>
    public const string Unauthorized = "unauthorized";

    public static int StatusOf(string kind) => kind switch
    {
        PartitionMoved => 421,
        SiloStopping => 503,
        BadRequest => 400,
        Unauthorized => 401,
        _ => 500,
    };

    /// <summary>Compares in constant time, so the key cannot be guessed a character at a time.</summary>
    public static bool KeyMatches(string expected, string? presented) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}

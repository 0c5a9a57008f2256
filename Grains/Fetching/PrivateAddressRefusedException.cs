using System.Net;

namespace Crawler.Grains.Fetching;

/// <summary>
/// Thrown by the connect callback when every address of a host is one the fetch may not reach. The handler wraps
/// it in an <see cref="HttpRequestException"/>; the fetcher finds it there and reports its message.
/// </summary>
public sealed class PrivateAddressRefusedException : IOException
{
    public PrivateAddressRefusedException()
        : base("refused to connect to a private address")
    {
    }

    public PrivateAddressRefusedException(string message)
        : base(message)
    {
    }

    public PrivateAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PrivateAddressRefusedException(IPAddress address, AddressKind kind)
        : base($"refused to connect to private address {address} ({Describe(kind)})")
    {
        Address = address;
        Kind = kind;
    }

    /// <summary>The refused address, when known.</summary>
    public IPAddress? Address { get; }

    public AddressKind? Kind { get; }

    private static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.SharedAddressSpace => "carrier-grade NAT",
        AddressKind.LinkLocal => "link-local",
        AddressKind.CloudMetadata => "cloud metadata",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

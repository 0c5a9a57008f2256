using System.Net;
using System.Net.Sockets;

namespace Crawler.Grains.Fetching;

/// <summary>
/// Tells public addresses from the ones a crawler must not be steered to (the silo's own machine, its private
/// network, cloud metadata). IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged
/// by the IPv4 address they reach.
/// </summary>
public static class AddressClassifier
{
    private static readonly IPAddress Ec2MetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>Whether a fetch without <see cref="FetchPolicy.AllowPrivateNetworks"/> may connect to the address.</summary>
    public static bool IsPublic(IPAddress address) => Classify(address) == AddressKind.Public;

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),

            // Neither IPv4 nor IPv6 cannot be reached over TCP/IP at all; refusing it costs nothing.
            _ => AddressKind.Reserved,
        };
    }

    private static AddressKind ClassifyV4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return ClassifyV4(bytes[0], bytes[1], bytes[2], bytes[3]);
    }

    private static AddressKind ClassifyV4(byte a, byte b, byte c, byte d) => (a, b, c, d) switch
    {
        (0, _, _, _) => AddressKind.Unspecified,
        (10, _, _, _) => AddressKind.Private,
        (100, >= 64 and <= 127, _, _) => AddressKind.SharedAddressSpace,
        (127, _, _, _) => AddressKind.Loopback,
        (169, 254, 169, 254) => AddressKind.CloudMetadata,
        (169, 254, _, _) => AddressKind.LinkLocal,
        (172, >= 16 and <= 31, _, _) => AddressKind.Private,
        (192, 0, 0, _) => AddressKind.Reserved,
        (192, 0, 2, _) => AddressKind.Reserved,
        (192, 168, _, _) => AddressKind.Private,
        (198, 18 or 19, _, _) => AddressKind.Reserved,
        (198, 51, 100, _) => AddressKind.Reserved,
        (203, 0, 113, _) => AddressKind.Reserved,
        ( >= 224 and <= 239, _, _, _) => AddressKind.Multicast,
        ( >= 240, _, _, _) => AddressKind.Reserved,
        _ => AddressKind.Public,
    };

    private static AddressKind ClassifyV6(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return ClassifyV4(address.MapToIPv4());
        }

        if (address.Equals(Ec2MetadataV6))
        {
            return AddressKind.CloudMetadata;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (bytes[..15].IndexOfAnyExcept((byte)0) < 0)
        {
            return bytes[15] switch
            {
                0 => AddressKind.Unspecified,
                1 => AddressKind.Loopback,
                _ => ClassifyV4(bytes[12], bytes[13], bytes[14], bytes[15]),
            };
        }

        // ::a.b.c.d, the deprecated IPv4-compatible form, still reaches a.b.c.d on some stacks.
        if (bytes[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return ClassifyV4(bytes[12], bytes[13], bytes[14], bytes[15]);
        }

        // 64:ff9b::/96, the NAT64 well-known prefix, is translated to the IPv4 address in its last 32 bits.
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return ClassifyV4(bytes[12], bytes[13], bytes[14], bytes[15]);
        }

        // 2002::/16, 6to4, tunnels to the IPv4 address in bits 16 to 47.
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return ClassifyV4(bytes[2], bytes[3], bytes[4], bytes[5]);
        }

        return (bytes[0], bytes[1]) switch
        {
            (0xff, _) => AddressKind.Multicast,
            (0xfe, >= 0x80 and <= 0xbf) => AddressKind.LinkLocal,
            (0xfe, >= 0xc0) => AddressKind.Private,
            (0xfc or 0xfd, _) => AddressKind.Private,
            (0x20, 0x01) when bytes[2] == 0x0d && bytes[3] == 0xb8 => AddressKind.Reserved,
            _ => AddressKind.Public,
        };
    }
}

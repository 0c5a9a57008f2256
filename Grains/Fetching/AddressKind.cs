namespace Crawler.Grains.Fetching;

/// <summary>What an IP address is, as far as whether a crawler may connect to it.</summary>
public enum AddressKind
{
    /// <summary>Routable on the public internet: the only kind fetched without <see cref="FetchPolicy.AllowPrivateNetworks"/>.</summary>
    Public,

    /// <summary>0.0.0.0/8 and ::; connecting to 0.0.0.0 reaches the local machine on Linux.</summary>
    Unspecified,

    /// <summary>127.0.0.0/8 and ::1.</summary>
    Loopback,

    /// <summary>RFC 1918 (10/8, 172.16/12, 192.168/16), IPv6 unique local (fc00::/7) and site-local (fec0::/10).</summary>
    Private,

    /// <summary>100.64.0.0/10, carrier-grade NAT, which is often a provider's internal network.</summary>
    SharedAddressSpace,

    /// <summary>169.254.0.0/16 and fe80::/10.</summary>
    LinkLocal,

    /// <summary>169.254.169.254 and fd00:ec2::254, where cloud machines fetch their credentials.</summary>
    CloudMetadata,

    /// <summary>224.0.0.0/4 and ff00::/8.</summary>
    Multicast,

    /// <summary>IANA special-purpose ranges that are no web server's address: 240/4, broadcast, 192.0.0/24, benchmarking and documentation ranges.</summary>
    Reserved,
}

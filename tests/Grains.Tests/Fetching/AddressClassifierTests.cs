using System.Net;
using Crawler.Grains.Fetching;

namespace Crawler.Grains.Tests.Fetching;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("10.255.255.255", AddressKind.Private)]
    [InlineData("100.63.255.255", AddressKind.Public)]
    [InlineData("100.64.0.1", AddressKind.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressKind.SharedAddressSpace)]
    [InlineData("100.128.0.0", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.0.0.2", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("169.254.0.1", AddressKind.LinkLocal)]
    [InlineData("169.254.169.254", AddressKind.CloudMetadata)]
    [InlineData("172.15.255.255", AddressKind.Public)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("172.32.0.0", AddressKind.Public)]
    [InlineData("192.0.0.8", AddressKind.Reserved)]
    [InlineData("192.0.2.1", AddressKind.Reserved)]
    [InlineData("192.167.255.255", AddressKind.Public)]
    [InlineData("192.168.0.1", AddressKind.Private)]
    [InlineData("192.169.0.0", AddressKind.Public)]
    [InlineData("198.18.0.1", AddressKind.Reserved)]
    [InlineData("203.0.113.9", AddressKind.Reserved)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.255", AddressKind.Multicast)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("255.255.255.255", AddressKind.Reserved)]
    [InlineData("1.1.1.1", AddressKind.Public)]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("93.184.216.34", AddressKind.Public)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:10.1.2.3", AddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", AddressKind.CloudMetadata)]
    [InlineData("::ffff:8.8.8.8", AddressKind.Public)]
    [InlineData("::127.0.0.1", AddressKind.Loopback)]
    [InlineData("64:ff9b::192.168.1.1", AddressKind.Private)]
    [InlineData("64:ff9b::8.8.8.8", AddressKind.Public)]
    [InlineData("2002:c0a8:0101::1", AddressKind.Private)]
    [InlineData("2002:0808:0808::1", AddressKind.Public)]
    [InlineData("fc00::1", AddressKind.Private)]
    [InlineData("fd12:3456:789a::1", AddressKind.Private)]
    [InlineData("fd00:ec2::254", AddressKind.CloudMetadata)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("fec0::1", AddressKind.Private)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("2001:db8::1", AddressKind.Reserved)]
    [InlineData("2001:4860:4860::8888", AddressKind.Public)]
    [InlineData("2606:4700:4700::1111", AddressKind.Public)]
    public void Classify_Address_GivesItsKind(string address, AddressKind expected)
    {
        var kind = AddressClassifier.Classify(IPAddress.Parse(address));

        Assert.Equal(expected, kind);
        Assert.Equal(expected == AddressKind.Public, AddressClassifier.IsPublic(IPAddress.Parse(address)));
    }
}

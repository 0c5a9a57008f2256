using Crawler.Runtime.Transport;

namespace Crawler.Runtime.Tests.Transport;

public sealed class SiloAddressesTests
{
    [Fact]
    public void Advertised_AddressConfigured_WinsOverWhatIsBound()
    {
        var address = SiloAddresses.Advertised("http://silo-3:8080/", ["http://0.0.0.0:8080"], "container-id");

        Assert.Equal("http://silo-3:8080", address);
    }

    [Fact]
    public void Advertised_LoopbackBound_IsTheBoundAddressWithItsRealPort()
    {
        var address = SiloAddresses.Advertised("", ["http://127.0.0.1:41235"], "machine");

        Assert.Equal("http://127.0.0.1:41235", address);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://*:8080")]
    public void Advertised_WildcardBound_UsesTheMachineName(string bound)
    {
        var address = SiloAddresses.Advertised(null, [bound], "silo-host");

        Assert.Equal("http://silo-host:8080", address);
    }

    [Fact]
    public void Advertised_HttpAndHttpsBound_PrefersHttp()
    {
        var address = SiloAddresses.Advertised(null, ["https://127.0.0.1:8443", "http://127.0.0.1:8080"], "machine");

        Assert.Equal("http://127.0.0.1:8080", address);
    }

    [Fact]
    public void Advertised_NothingBound_IsNull()
    {
        Assert.Null(SiloAddresses.Advertised(null, [], "machine"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://127.0.0.5:8080")]
    [InlineData("http://[::1]:8080")]
    [InlineData("http://localhost:8080")]
    public void IsLoopbackOnly_LoopbackAddress_IsTrue(string bound)
    {
        Assert.True(SiloAddresses.IsLoopbackOnly([bound]));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://10.1.2.3:8080")]
    [InlineData("http://silo-3:8080")]
    public void IsLoopbackOnly_AddressOthersCanReach_IsFalse(string bound)
    {
        Assert.False(SiloAddresses.IsLoopbackOnly(["http://127.0.0.1:9090", bound]));
    }
}

using Crawler.Silo.Gateway;
using Microsoft.Extensions.Configuration;

namespace Crawler.Silo.Tests.Gateway;

public sealed class GatewayBindingTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://127.0.0.2:8080", true)]
    [InlineData("https://127.255.0.1:443", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://LOCALHOST:5000", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://unix:/run/crawler.sock", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://10.0.0.5:8080", false)]
    [InlineData("http://192.168.1.20:8080", false)]
    [InlineData("http://silo.example.org:8080", false)]
    [InlineData("not a url", false)]
    public void IsLoopback_Url_DecidesWhetherOtherMachinesCanConnect(string url, bool expected)
    {
        Assert.Equal(expected, GatewayBinding.IsLoopback(url));
    }

    [Fact]
    public void FromConfiguration_UrlsWithOnePublic_IsNotLoopbackOnlyAndNamesIt()
    {
        var binding = GatewayBinding.FromConfiguration(Configuration(("urls", "http://127.0.0.1:1; http://0.0.0.0:2")));

        Assert.False(binding.IsLoopbackOnly);
        Assert.Equal(["http://0.0.0.0:2"], binding.PublicUrls);
    }

    [Theory]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Public:Url", "http://0.0.0.0:9000")]
    public void FromConfiguration_PortsOrKestrelEndpoints_CountAsBindings(string key, string value)
    {
        var binding = GatewayBinding.FromConfiguration(Configuration(("urls", "http://127.0.0.1:1"), (key, value)));

        Assert.Equal(2, binding.Urls.Count);
        Assert.False(binding.IsLoopbackOnly);
    }

    [Fact]
    public void FromConfiguration_LoopbackUrlsOnly_IsLoopbackOnly()
    {
        var binding = GatewayBinding.FromConfiguration(Configuration(("urls", "http://127.0.0.1:1;http://localhost:2"), ("Kestrel:Endpoints:A:Url", "http://[::1]:3")));

        Assert.True(binding.IsLoopbackOnly);
        Assert.Empty(binding.PublicUrls);
    }

    [Fact]
    public void HasConfiguredBinding_NothingConfigured_IsFalse()
    {
        Assert.False(GatewayBinding.HasConfiguredBinding(Configuration()));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}

using System.Net;
using System.Net.Sockets;
using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;

namespace Crawler.Grains.Tests.Jobs;

public sealed class SeedNetworksTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static CrawlJobSpec Spec(params string[] seeds) => new() { Seeds = seeds };

    private static SeedNetworks.Resolver Table(Dictionary<string, string[]> names) =>
        (host, _) => names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));

    [Theory]
    [InlineData("http://127.0.0.1:8080/", AddressKind.Loopback)]
    [InlineData("http://[::1]/", AddressKind.Loopback)]
    [InlineData("http://192.168.1.20/", AddressKind.Private)]
    [InlineData("http://10.1.2.3/", AddressKind.Private)]
    [InlineData("http://100.64.0.7/", AddressKind.SharedAddressSpace)]
    public void PolicyFromLiterals_SeedOnANonPublicAddress_AllowsThatKindOnly(string seed, AddressKind kind)
    {
        var policy = SeedNetworks.PolicyFromLiterals(Spec(seed));

        Assert.Equal([AddressKind.Public, kind], policy.AllowedKinds);
    }

    [Theory]
    [InlineData("http://169.254.169.254/")]
    [InlineData("http://169.254.10.10/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://93.184.216.34/")]
    public void PolicyFromLiterals_SeedOnMetadataLinkLocalOrPublic_GrantsNothing(string seed)
    {
        Assert.Equal(FetchPolicy.PublicOnly, SeedNetworks.PolicyFromLiterals(Spec(seed)));
    }

    [Fact]
    public void PolicyFromLiterals_AllowPrivateNetworks_AllowsEverything()
    {
        var policy = SeedNetworks.PolicyFromLiterals(Spec("http://example.test/") with { AllowPrivateNetworks = true });

        Assert.True(policy.AllowPrivateNetworks);
        Assert.True(policy.Allows(AddressKind.CloudMetadata));
    }

    [Fact]
    public async Task PolicyForAsync_NameResolvingToLoopbackAndLan_AllowsBoth()
    {
        var resolve = Table(new() { ["intranet.test"] = ["192.168.0.5"], ["localhost"] = ["127.0.0.1", "::1"] });

        var policy = await SeedNetworks.PolicyForAsync(Spec("http://intranet.test/", "http://localhost:5000/"), resolve, Timeout, CancellationToken.None);

        Assert.Equal([AddressKind.Public, AddressKind.Loopback, AddressKind.Private], policy.AllowedKinds);
    }

    [Fact]
    public async Task PolicyForAsync_NameResolvingToMetadata_GrantsNothing()
    {
        var resolve = Table(new() { ["rebind.test"] = ["169.254.169.254", "93.184.216.34"] });

        var policy = await SeedNetworks.PolicyForAsync(Spec("http://rebind.test/"), resolve, Timeout, CancellationToken.None);

        Assert.Equal(FetchPolicy.PublicOnly, policy);
    }

    [Fact]
    public async Task PolicyForAsync_UnresolvableName_GrantsNothingAndDoesNotThrow()
    {
        var policy = await SeedNetworks.PolicyForAsync(Spec("http://nowhere.test/", "http://10.0.0.9/"), Table([]), Timeout, CancellationToken.None);

        Assert.Equal([AddressKind.Public, AddressKind.Private], policy.AllowedKinds);
    }

    [Fact]
    public async Task PolicyForAsync_ResolverSlowerThanTheTimeout_GrantsNothing()
    {
        SeedNetworks.Resolver never = async (_, token) =>
        {
            await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, token);
            return [];
        };

        var policy = await SeedNetworks.PolicyForAsync(Spec("http://slow.test/"), never, TimeSpan.FromMilliseconds(50), CancellationToken.None);

        Assert.Equal(FetchPolicy.PublicOnly, policy);
    }

    [Fact]
    public async Task PolicyForAsync_CallerCancels_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        SeedNetworks.Resolver resolve = (_, token) => Task.FromCanceled<IPAddress[]>(token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SeedNetworks.PolicyForAsync(Spec("http://slow.test/"), resolve, Timeout, cancelled.Token));
    }
}

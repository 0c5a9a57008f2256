using Crawler.Grains.Fetching;

namespace Crawler.Grains.Tests.Fetching;

public sealed class FetchPolicyTests
{
    [Fact]
    public void PublicOnly_AllowsPublicAndNothingElse()
    {
        var policy = FetchPolicy.PublicOnly;

        Assert.Equal([AddressKind.Public], policy.AllowedKinds);
        Assert.False(policy.AllowPrivateNetworks);
    }

    [Fact]
    public void PrivateNetworksAllowed_AllowsEveryKind()
    {
        var policy = FetchPolicy.PrivateNetworksAllowed;

        Assert.All(Enum.GetValues<AddressKind>(), kind => Assert.True(policy.Allows(kind), kind.ToString()));
        Assert.True(policy.AllowPrivateNetworks);
    }

    [Fact]
    public void Allowing_Loopback_AllowsPublicAndLoopbackOnly()
    {
        var policy = FetchPolicy.Allowing([AddressKind.Loopback]);

        Assert.Equal([AddressKind.Public, AddressKind.Loopback], policy.AllowedKinds);
        Assert.False(policy.Allows(AddressKind.CloudMetadata));
        Assert.False(policy.AllowPrivateNetworks);
    }

    [Fact]
    public void Allowing_SameKinds_AreEqualPolicies()
    {
        var first = FetchPolicy.Allowing([AddressKind.Private, AddressKind.Loopback]);
        var second = FetchPolicy.Allowing([AddressKind.Loopback, AddressKind.Private, AddressKind.Loopback]);

        Assert.Equal(first, second);
        Assert.NotEqual(first, FetchPolicy.Allowing([AddressKind.Loopback]));
        Assert.NotEqual(first, first with { KeepBody = true });
        Assert.Equal(first.AllowedKinds, (first with { KeepBody = true }).AllowedKinds);
    }

    [Fact]
    public void Allowing_Nothing_IsPublicOnly()
    {
        Assert.Equal(FetchPolicy.PublicOnly, FetchPolicy.Allowing([]));
    }
}

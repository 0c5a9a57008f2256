using Crawler.Grains.Fetching;
using Crawler.SyntheticSite;
using Crawler.SyntheticSite.Hostile;

namespace Crawler.Grains.Tests.Fetching;

public sealed class PageFetcherNetworkSafetyTests : IDisposable
{
    private readonly CancellationTokenSource _guard = new(FetchTesting.HangGuard);

    public void Dispose() => _guard.Dispose();

    [Fact]
    public async Task FetchAsync_LoopbackWithPublicOnly_IsRefusedWithoutAnyRequest()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = FetchTesting.Fetcher(FetchTesting.QuickOptions(maxAttempts: 3));

        var response = await fetcher.FetchAsync(server.Root.ToString(), FetchPolicy.PublicOnly, _guard.Token);

        Assert.Null(response.Status);
        Assert.Equal("refused to connect to private address 127.0.0.1 (loopback)", response.Error);
        Assert.True(response.AddressRefused);
        Assert.Equal(1, response.Attempts);
        Assert.Equal(0, server.TotalRequests);
    }

    [Fact]
    public async Task FetchAsync_LoopbackWithPrivateNetworksAllowed_IsFetched()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = FetchTesting.Fetcher();

        var response = await fetcher.FetchAsync(server.Root.ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);

        Assert.Equal(200, response.Status);
        Assert.Null(response.Error);
        Assert.Equal(1, server.RequestsFor(HostilePaths.Root));
    }

    [Fact]
    public async Task FetchAsync_PolicyAllowingLoopback_FetchesLoopback()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = FetchTesting.Fetcher();

        var response = await fetcher.FetchAsync(server.Root.ToString(), FetchPolicy.Allowing([AddressKind.Loopback]), _guard.Token);

        Assert.Equal(200, response.Status);
        Assert.False(response.AddressRefused);
    }

    [Theory]
    [InlineData("http://10.0.0.1/", "10.0.0.1 (private)")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 (cloud metadata)")]
    [InlineData("http://169.254.1.1/", "169.254.1.1 (link-local)")]
    [InlineData("http://[fd00:ec2::254]/", "fd00:ec2::254 (cloud metadata)")]
    public async Task FetchAsync_PolicyAllowingLoopbackOnly_RefusesOtherKinds(string url, string refused)
    {
        using var fetcher = FetchTesting.Fetcher(FetchTesting.QuickOptions(maxAttempts: 3));

        var response = await fetcher.FetchAsync(url, FetchPolicy.Allowing([AddressKind.Loopback]), _guard.Token);

        Assert.Equal($"refused to connect to private address {refused}", response.Error);
        Assert.True(response.AddressRefused);
        Assert.Equal(1, response.Attempts);
    }

    [Fact]
    public async Task FetchAsync_PolicyAllowingPrivateOnly_RefusesLoopback()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = FetchTesting.Fetcher();

        var response = await fetcher.FetchAsync(server.Root.ToString(), FetchPolicy.Allowing([AddressKind.Private]), _guard.Token);

        Assert.Equal("refused to connect to private address 127.0.0.1 (loopback)", response.Error);
        Assert.Equal(0, server.TotalRequests);
    }

    [Fact]
    public async Task FetchAsync_LocalhostByName_IsRefusedAfterResolving()
    {
        await using var server = await HostileServer.StartAsync(_guard.Token);
        using var fetcher = FetchTesting.Fetcher();

        var response = await fetcher.FetchAsync($"http://localhost:{server.Root.Port}/", FetchPolicy.PublicOnly, _guard.Token);

        Assert.StartsWith("refused to connect to private address ", response.Error, StringComparison.Ordinal);
        Assert.Contains("(loopback)", response.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.TotalRequests);
    }

    [Theory]
    [InlineData("http://0.0.0.0:9/", "0.0.0.0 (unspecified)")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 (cloud metadata)")]
    [InlineData("http://10.0.0.1/", "10.0.0.1 (private)")]
    [InlineData("http://[fd00:ec2::254]/", "fd00:ec2::254 (cloud metadata)")]
    public async Task FetchAsync_ForbiddenAddress_IsRefusedBeforeConnecting(string url, string refused)
    {
        using var fetcher = FetchTesting.Fetcher();

        var response = await fetcher.FetchAsync(url, FetchPolicy.PublicOnly, _guard.Token);

        Assert.Equal($"refused to connect to private address {refused}", response.Error);
        Assert.Null(response.Status);
    }

    [Fact]
    public async Task FetchAsync_PooledConnectionOfAnAllowedFetch_IsNotReusedByARefusedOne()
    {
        // The synthetic site keeps connections alive, so an allowed fetch leaves one in the pool.
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 10, Hosts = 1 }, _guard.Token);
        using var fetcher = FetchTesting.Fetcher();
        var allowed = await fetcher.FetchAsync(site.Root.ToString(), FetchPolicy.PrivateNetworksAllowed, _guard.Token);

        var refused = await fetcher.FetchAsync(site.Root.ToString(), FetchPolicy.PublicOnly, _guard.Token);

        Assert.Equal(200, allowed.Status);
        Assert.StartsWith("refused to connect to private address 127.0.0.1", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, site.RequestsFor(site.Root.ToString()));
    }

    [Fact]
    public async Task FetchAsync_PooledConnectionOfALoopbackPolicy_IsNotReusedByAPrivateOnlyOne()
    {
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 10, Hosts = 1 }, _guard.Token);
        using var fetcher = FetchTesting.Fetcher();
        var allowed = await fetcher.FetchAsync(site.Root.ToString(), FetchPolicy.Allowing([AddressKind.Loopback]), _guard.Token);

        var refused = await fetcher.FetchAsync(site.Root.ToString(), FetchPolicy.Allowing([AddressKind.Private]), _guard.Token);

        Assert.Equal(200, allowed.Status);
        Assert.True(refused.AddressRefused);
        Assert.Equal(1, site.RequestsFor(site.Root.ToString()));
    }
}

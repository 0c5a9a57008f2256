using System.Net.Http.Json;
using System.Text.Json;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate.InMemory;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;
using Crawler.Runtime.Transport;

namespace Crawler.Runtime.Tests.Transport;

public sealed class HttpSiloTransportTests
{
    private const string ClusterKey = "a-cluster-key-for-these-tests";
    private static readonly string WhereMethod = $"{typeof(ICounterGrain).FullName}.{nameof(ICounterGrain.Where)}";
    private static readonly GrainTypeRegistry Registry = new GrainTypeRegistry().AddAssembly(typeof(TestProbe).Assembly);

    [Fact]
    public async Task Call_PartitionOwnedByAnotherHost_RunsThereOverHttp()
    {
        var probe = new TestProbe();
        var substrate = new InMemorySubstrate(4);
        await using var a = await HttpSiloHost.StartAsync(substrate, "a", probe);
        await using var b = await HttpSiloHost.StartAsync(substrate, "b", probe);
        await WaitUntilSplitAsync(substrate, a, b);
        var key = KeyOwnedBy(b.Silo, nameof(CounterGrain));

        var where = await a.GrainFactory.GetGrain<ICounterGrain>(key).Where().WaitAsync(TestClusters.Timeout);

        Assert.Equal("b", where);
        Assert.Equal(1, b.Silo.Statistics.TurnsByMethod.GetValueOrDefault(WhereMethod));
        Assert.Equal(0, a.Silo.Statistics.TurnsByMethod.GetValueOrDefault(WhereMethod));
    }

    [Fact]
    public async Task ClusterClient_SilosInOtherHosts_ArgumentsAndResultsCrossAsJson()
    {
        var probe = new TestProbe();
        var substrate = new InMemorySubstrate(4);
        await using var a = await HttpSiloHost.StartAsync(substrate, "a", probe);
        await using var b = await HttpSiloHost.StartAsync(substrate, "b", probe);
        await WaitUntilSplitAsync(substrate, a, b);
        using var transport = new HttpSiloTransport(new SiloTransportOptions());
        var client = new ClusterClient(substrate, Registry, transport);

        var onA = await client.GrainFactory.GetGrain<IEchoGrain>(KeyOwnedBy(a.Silo, nameof(EchoGrain))).Echo(new WorkReport(7, "client"), null).WaitAsync(TestClusters.Timeout);
        var onB = await client.GrainFactory.GetGrain<IEchoGrain>(KeyOwnedBy(b.Silo, nameof(EchoGrain))).Echo(new WorkReport(8, "client"), "note").WaitAsync(TestClusters.Timeout);

        Assert.Equal(new WorkReport(7, "client|(null)|a"), onA);
        Assert.Equal(new WorkReport(8, "client|note|b"), onB);
    }

    [Fact]
    public async Task Call_GrainThrowsInAnotherHost_CallerGetsRemoteGrainExceptionWithTypeAndMessage()
    {
        var probe = new TestProbe();
        var substrate = new InMemorySubstrate(4);
        await using var a = await HttpSiloHost.StartAsync(substrate, "a", probe);
        await using var b = await HttpSiloHost.StartAsync(substrate, "b", probe);
        await WaitUntilSplitAsync(substrate, a, b);
        var grain = a.GrainFactory.GetGrain<IEchoGrain>(KeyOwnedBy(b.Silo, nameof(EchoGrain)));

        var error = await Assert.ThrowsAsync<RemoteGrainException>(() => grain.Fail("the spec is bad").WaitAsync(TestClusters.Timeout));

        Assert.Equal(typeof(ArgumentException).FullName, error.RemoteType);
        Assert.Equal("the spec is bad", error.RemoteMessage);
        Assert.Equal("b", error.SiloId);
    }

    [Fact]
    public async Task Invoke_SiloDoesNotHoldThePartition_AnswersPartitionMovedWithoutRunningIt()
    {
        var probe = new TestProbe();
        var substrate = new InMemorySubstrate(4);
        await using var a = await HttpSiloHost.StartAsync(substrate, "a", probe);
        await using var b = await HttpSiloHost.StartAsync(substrate, "b", probe);
        await WaitUntilSplitAsync(substrate, a, b);
        var grain = new GrainId(nameof(CounterGrain), KeyOwnedBy(b.Silo, nameof(CounterGrain)));
        var method = GrainMethod.For(typeof(ICounterGrain).GetMethod(nameof(ICounterGrain.Where))!);
        using var transport = new HttpSiloTransport(new SiloTransportOptions());
        var siloA = (await substrate.ListSilosAsync(CancellationToken.None)).Single(s => s.SiloId == "a");

        await Assert.ThrowsAsync<PartitionMovedException>(() =>
            transport.InvokeAsync(siloA, grain, b.Silo.Runtime.Resolver.PartitionOf(grain), method, [], CancellationToken.None));

        Assert.Equal(0, a.Silo.Statistics.TurnsByMethod.GetValueOrDefault(WhereMethod));
    }

    [Fact]
    public async Task Invoke_ClusterKeySet_RefusesCallersWithoutTheKey()
    {
        var probe = new TestProbe();
        var substrate = new InMemorySubstrate(4);
        await using var host = await HttpSiloHost.StartAsync(substrate, "a", probe, ClusterKey);
        using var keyless = new HttpSiloTransport(new SiloTransportOptions());
        using var wrongKey = new HttpSiloTransport(new SiloTransportOptions { ClusterKey = "not-the-cluster-key-at-all" });
        using var keyed = new HttpSiloTransport(new SiloTransportOptions { ClusterKey = ClusterKey });
        var grain = new GrainId(nameof(CounterGrain), "k");
        var partition = host.Silo.Runtime.Resolver.PartitionOf(grain);
        var method = GrainMethod.For(typeof(ICounterGrain).GetMethod(nameof(ICounterGrain.Where))!);
        var silo = (await substrate.ListSilosAsync(CancellationToken.None)).Single();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => keyless.InvokeAsync(silo, grain, partition, method, [], CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => wrongKey.InvokeAsync(silo, grain, partition, method, [], CancellationToken.None));
        Assert.Equal("a", await keyed.InvokeAsync(silo, grain, partition, method, [], CancellationToken.None));
    }

    [Fact]
    public async Task Call_OwnerHostStops_CallerFollowsThePartitionToTheRemainingHost()
    {
        var probe = new TestProbe();
        var substrate = new InMemorySubstrate(4);
        await using var a = await HttpSiloHost.StartAsync(substrate, "a", probe);
        await using var b = await HttpSiloHost.StartAsync(substrate, "b", probe);
        await WaitUntilSplitAsync(substrate, a, b);
        using var transport = new HttpSiloTransport(new SiloTransportOptions());
        var client = new ClusterClient(substrate, Registry, transport);
        var grain = client.GrainFactory.GetGrain<ICounterGrain>(KeyOwnedBy(b.Silo, nameof(CounterGrain)));
        Assert.Equal("b", await grain.Where().WaitAsync(TestClusters.Timeout));

        await b.StopAsync();

        Assert.Equal("a", await grain.Where().WaitAsync(TestClusters.Timeout));
    }

    [Fact]
    public async Task StartAsync_ServerBoundToPortZero_MembershipRowAndStatusShowTheRealAddress()
    {
        var probe = new TestProbe();
        var substrate = new InMemorySubstrate(4);
        await using var host = await HttpSiloHost.StartAsync(substrate, "a", probe);

        var row = (await substrate.ListSilosAsync(CancellationToken.None)).Single();
        using var http = new HttpClient();
        using var status = await http.GetFromJsonAsync<JsonDocument>(new Uri(new Uri(row.Address), "/_silo/status"));

        var address = new Uri(row.Address);
        Assert.Equal("127.0.0.1", address.Host);
        Assert.NotEqual(0, address.Port);
        Assert.Equal(host.Silo.Address, row.Address);
        Assert.Equal("a", status!.RootElement.GetProperty("silo").GetString());
        Assert.Equal(host.Silo.OwnedPartitions, status.RootElement.GetProperty("partitions").EnumerateArray().Select(p => p.GetInt32()).ToList());
    }

    /// <summary>Waits until the two silos hold half the partitions each and both have published their addresses.</summary>
    private static Task WaitUntilSplitAsync(InMemorySubstrate substrate, HttpSiloHost a, HttpSiloHost b) =>
        Polling.WaitUntilAsync(
            async () => a.Silo.OwnedPartitions.Count == substrate.PartitionCount / 2
                && b.Silo.OwnedPartitions.Count == substrate.PartitionCount / 2
                && (await substrate.ListSilosAsync(CancellationToken.None)).Count(s => s.Address.Length > 0) == 2,
            TestClusters.Timeout,
            "the two hosts share the partitions");

    private static string KeyOwnedBy(Silo silo, string grainType) =>
        Enumerable.Range(0, 1000).Select(i => $"k{i}")
            .First(key => silo.OwnedPartitions.Contains(silo.Runtime.Resolver.PartitionOf(new GrainId(grainType, key))));
}

using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Substrate.InMemory;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Hosting;

public sealed class GrainCallerRoutingTests
{
    private static readonly GrainTypeRegistry Registry = new GrainTypeRegistry().AddAssembly(typeof(TestProbe).Assembly);

    [Fact]
    public async Task Call_OwnerInAnotherProcessWithoutAddress_IsNotRoutedUntilItPublishesOne()
    {
        var substrate = new InMemorySubstrate(4);
        var transport = new ScriptedTransport();
        transport.Answer("ghost", _ => Task.FromResult<object?>("ghost"));
        var partition = PartitionOf("k");
        await HoldAsync(substrate, partition, "ghost", address: "");
        var impatient = new ClusterClient(substrate, Registry, transport, new SiloOptions { SiloId = "client", ResponseTimeout = TimeSpan.FromMilliseconds(300) });

        await Assert.ThrowsAsync<TimeoutException>(() => impatient.GrainFactory.GetGrain<ICounterGrain>("k").Where());
        Assert.Empty(transport.Called);

        await PublishAsync(substrate, "ghost", "http://127.0.0.1:1");
        var client = new ClusterClient(substrate, Registry, transport);
        Assert.Equal("ghost", await client.GrainFactory.GetGrain<ICounterGrain>("k").Where().WaitAsync(TestClusters.Timeout));
    }

    [Fact]
    public async Task Call_OwnerStopsAnsweringAndItsLeaseMoves_CallIsGivenUpThereAndAnsweredByTheNewOwner()
    {
        var substrate = new InMemorySubstrate(4);
        var transport = new ScriptedTransport();
        transport.Answer("awake", _ => Task.FromResult<object?>("awake"));
        var partition = PartitionOf("k");
        var paused = await HoldAsync(substrate, partition, "paused", address: "http://127.0.0.1:1");
        var client = new ClusterClient(substrate, Registry, transport, new SiloOptions
        {
            SiloId = "client",
            MembershipPeriod = TimeSpan.FromMilliseconds(50),
            ResponseTimeout = TimeSpan.FromSeconds(30),
        });

        var call = client.GrainFactory.GetGrain<ICounterGrain>("k").Where();
        await Polling.WaitUntilAsync(() => transport.Called.Contains("paused"), TestClusters.Timeout, "the call reaches the paused silo");
        await substrate.ReleaseLeaseAsync(paused, CancellationToken.None);
        await HoldAsync(substrate, partition, "awake", address: "http://127.0.0.1:2");

        Assert.Equal("awake", await call.WaitAsync(TestClusters.Timeout));
        Assert.Equal(["paused"], transport.Cancelled);
    }

    private static int PartitionOf(string counterKey) => new PartitionResolver(Registry, 4).PartitionOf(new GrainId(nameof(CounterGrain), counterKey));

    /// <summary>Makes a silo that is not running hold the partition, as a silo of another process would.</summary>
    private static async Task<PartitionLease> HoldAsync(InMemorySubstrate substrate, int partition, string siloId, string address)
    {
        await PublishAsync(substrate, siloId, address);
        return await substrate.TryAcquireLeaseAsync(partition, siloId, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), CancellationToken.None)
            ?? throw new InvalidOperationException($"Partition {partition} is held already.");
    }

    private static Task PublishAsync(InMemorySubstrate substrate, string siloId, string address)
    {
        var now = DateTimeOffset.UtcNow;
        return substrate.UpsertSiloAsync(new SiloRecord(siloId, address, SiloStatus.Active, now, now, 0), CancellationToken.None);
    }
}

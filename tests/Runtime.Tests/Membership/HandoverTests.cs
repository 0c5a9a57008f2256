using Crawler.Runtime.Substrate.InMemory;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Membership;

public sealed class HandoverTests
{
    [Fact]
    public async Task StopAsync_LeaseReleasesFail_StopsWithoutThrowingAndLeavesTheLeasesToRunOut()
    {
        var memory = new InMemorySubstrate(4);
        var substrate = new GatedSubstrate(memory);
        var silo = await SingleSilo.StartAsync(substrate, new TestProbe());
        await Polling.WaitUntilAsync(() => silo.Silo.OwnedPartitions.Count == 4, TestClusters.Timeout, "the silo holds every partition");
        substrate.FailLeaseReleases();

        await silo.DisposeAsync().AsTask().WaitAsync(TestClusters.Timeout);

        var now = DateTimeOffset.UtcNow;
        Assert.All(await memory.ListLeasesAsync(CancellationToken.None), lease => Assert.True(lease.IsHeldBy("single", now), $"partition {lease.Partition} is left to its lease"));
    }
}

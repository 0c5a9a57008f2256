using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Substrate.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crawler.Runtime.Tests.Hosting;

public sealed class CommitterTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task RefusedCommit_OfEarlierOwnershipOfPartition_DoesNotDropTheCurrentOne()
    {
        // The silo held partition 0, handed it over, and holds it again at a newer epoch. A turn of the old
        // ownership that commits late is refused; that must not cost the silo its current ownership.
        var substrate = new InMemorySubstrate(4);
        var runtime = NewRuntime(substrate);
        runtime.Committer.Start();
        var grain = new GrainId("G", "k");
        var first = (await substrate.TryAcquireLeaseAsync(0, "s", DateTimeOffset.UtcNow, Lease, default))!;
        var earlier = new PartitionAgent(first, runtime);
        runtime.AddPartition(earlier);
        runtime.OnPartitionLost(earlier);
        await substrate.ReleaseLeaseAsync(first, default);
        var second = (await substrate.TryAcquireLeaseAsync(0, "s", DateTimeOffset.UtcNow, Lease, default))!;
        var current = new PartitionAgent(second, runtime);
        runtime.AddPartition(current);

        try
        {
            Assert.False(await runtime.Committer.CommitAsync(new TurnCommit(0, first.Epoch, grain) { State = [1] }));

            // The loop handles the refusal before it takes this next batch.
            Assert.True(await runtime.Committer.CommitAsync(new TurnCommit(0, second.Epoch, grain) { State = [2] }));
            Assert.True(runtime.TryGetPartition(0, out var owner));
            Assert.Same(current, owner);
            Assert.Equal([2], await substrate.ReadStateAsync(grain, default));
        }
        finally
        {
            current.Abandon(new PartitionMovedException(0));
            await runtime.Committer.StopAsync();
        }
    }

    [Fact]
    public async Task RefusedCommit_OfCurrentEpoch_DropsThePartition()
    {
        var substrate = new InMemorySubstrate(4);
        var runtime = NewRuntime(substrate);
        runtime.Committer.Start();
        var lease = (await substrate.TryAcquireLeaseAsync(1, "s", DateTimeOffset.UtcNow, Lease, default))!;
        var agent = new PartitionAgent(lease, runtime);
        runtime.AddPartition(agent);
        await substrate.ReleaseLeaseAsync(lease, default);
        await substrate.TryAcquireLeaseAsync(1, "other", DateTimeOffset.UtcNow, Lease, default);

        try
        {
            Assert.False(await runtime.Committer.CommitAsync(new TurnCommit(1, lease.Epoch, new GrainId("G", "k")) { State = [1] }));
            // A second batch (to a partition nobody holds): the loop has handled the first refusal before it.
            Assert.False(await runtime.Committer.CommitAsync(new TurnCommit(2, 0, new GrainId("G", "flush"))));

            Assert.False(runtime.TryGetPartition(1, out _));
            Assert.False(agent.IsActive);
        }
        finally
        {
            agent.Abandon(new PartitionMovedException(1));
            await runtime.Committer.StopAsync();
        }
    }

    [Fact]
    public async Task CommitAsync_AfterAnOwnershipWasRefused_RefusesItsLaterCommitsWithoutWritingThem()
    {
        // Turns are pipelined: a later turn's state already holds a refused turn's changes, and the refused turn's
        // message is redelivered. Were the later commit written, that message would count twice. Here the lease
        // expired (refusing the first commit) and was then renewed at its epoch by a tick that read the clock
        // before: the substrate alone would take the second commit.
        var substrate = new InMemorySubstrate(4);
        var runtime = NewRuntime(substrate);
        runtime.Committer.Start();
        var grain = new GrainId("G", "k");
        var longAgo = DateTimeOffset.UtcNow - (2 * Lease);
        var lease = (await substrate.TryAcquireLeaseAsync(3, "s", longAgo, Lease, default))!;

        try
        {
            Assert.False(await runtime.Committer.CommitAsync(new TurnCommit(3, lease.Epoch, grain) { State = [1] }));
            Assert.Single(await substrate.RenewLeasesAsync("s", [lease], longAgo + TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), default));

            Assert.False(await runtime.Committer.CommitAsync(new TurnCommit(3, lease.Epoch, grain) { State = [2] }));

            Assert.Null(await substrate.ReadStateAsync(grain, default));
            Assert.Equal(2, runtime.Statistics.CommitsRefused);
        }
        finally
        {
            await runtime.Committer.StopAsync();
        }
    }

    private static SiloRuntime NewRuntime(ISubstrate substrate) =>
        new(
            new SiloOptions { SiloId = "s" },
            substrate,
            new GrainTypeRegistry(),
            new ServiceCollection().BuildServiceProvider(),
            TimeProvider.System,
            NullLogger.Instance,
            new SiloNetwork());
}

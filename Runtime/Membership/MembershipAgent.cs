using System.Collections.Concurrent;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Substrate;

namespace Crawler.Runtime.Membership;

/// <summary>
/// Each period: heartbeat, renew leases (a partition not renewed is dropped at once), declare silos whose
/// heartbeat expired dead, then move toward an even share: take free or expired partitions when under it,
/// hand over the surplus when another active silo is under its share.
/// </summary>
internal sealed partial class MembershipAgent(SiloRuntime runtime, DateTimeOffset startedAt)
{
    private readonly ConcurrentDictionary<PartitionAgent, byte> _handingOver = new();

    public SiloStatus Status { get; set; } = SiloStatus.Joining;

    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var substrate = runtime.Substrate;
        var options = runtime.Options;
        var now = runtime.TimeProvider.GetUtcNow();
        await substrate.UpsertSiloAsync(Record(now), cancellationToken);

        var held = runtime.Partitions.Where(p => p.IsActive).ToList();
        if (held.Count > 0)
        {
            var renewed = (await substrate.RenewLeasesAsync(runtime.SiloId, [.. held.Select(p => p.Lease)], now, options.LeaseDuration, cancellationToken))
                .ToDictionary(l => l.Partition);
            foreach (var agent in held)
            {
                if (renewed.TryGetValue(agent.Number, out var lease))
                {
                    agent.Lease = lease;
                }
                else
                {
                    Log.LeaseLost(runtime.Logger, agent.Number);
                    runtime.OnPartitionLost(agent);
                }
            }
        }

        if (Status != SiloStatus.Active)
        {
            return;
        }

        var silos = await substrate.ListSilosAsync(cancellationToken);
        var active = new List<string>();
        foreach (var silo in silos)
        {
            var alive = silo.Heartbeat + options.LeaseDuration > now;
            if (silo.Status == SiloStatus.Active && alive)
            {
                active.Add(silo.SiloId);
            }
            else if (!alive && silo.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown)
            {
                Log.SiloDeclaredDead(runtime.Logger, silo.SiloId);
                await substrate.UpsertSiloAsync(silo with { Status = SiloStatus.Dead }, cancellationToken);
            }
        }

        if (!active.Contains(runtime.SiloId))
        {
            active.Add(runtime.SiloId);
        }

        await RebalanceAsync(active, cancellationToken);
    }

    public SiloRecord Record(DateTimeOffset now) =>
        new(runtime.SiloId, runtime.Address, Status, startedAt, now, runtime.Catalog.Count);

    private async Task RebalanceAsync(List<string> active, CancellationToken cancellationToken)
    {
        var substrate = runtime.Substrate;
        var now = runtime.TimeProvider.GetUtcNow();
        var partitionCount = substrate.PartitionCount;
        var target = PartitionShare.TargetFor(runtime.SiloId, active, partitionCount);
        var leases = await substrate.ListLeasesAsync(cancellationToken);
        var mine = runtime.Partitions.Where(p => p.IsActive && !_handingOver.ContainsKey(p)).ToList();

        if (mine.Count < target)
        {
            // Start at a silo-specific offset so silos joining together do not all race for the same rows.
            var offset = (int)(StableHash.Compute(runtime.SiloId) % (uint)partitionCount);
            var free = leases.Where(l => l.IsFree(now))
                .OrderBy(l => (l.Partition - offset + partitionCount) % partitionCount)
                .Take(target - mine.Count);
            foreach (var candidate in free)
            {
                PartitionLease? lease;
                try
                {
                    lease = await substrate.TryAcquireLeaseAsync(candidate.Partition, runtime.SiloId, now, runtime.Options.LeaseDuration, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The row may be locked by a silo stuck in a commit; the server frees it soon. Try the others now
                    // and this one next period.
                    Log.AcquireFailed(runtime.Logger, ex, candidate.Partition);
                    continue;
                }

                if (lease is not null)
                {
                    Log.PartitionAcquired(runtime.Logger, lease.Partition, lease.Epoch);
                    runtime.AddPartition(new PartitionAgent(lease, runtime));
                }
            }
        }
        else if (mine.Count > target)
        {
            var counts = leases.Where(l => !l.IsFree(now)).GroupBy(l => l.Owner!).ToDictionary(g => g.Key, g => g.Count());
            var someoneUnder = active.Any(s => s != runtime.SiloId
                && counts.GetValueOrDefault(s) < PartitionShare.TargetFor(s, active, partitionCount));
            if (someoneUnder)
            {
                // Handovers run beside the ticks: a tick that waited for them could miss renewing the other leases.
                foreach (var agent in mine.OrderByDescending(p => p.Number).Take(mine.Count - target))
                {
                    if (_handingOver.TryAdd(agent, 0))
                    {
                        _ = HandOverAndForgetAsync(agent);
                    }
                }
            }
        }
    }

    private async Task HandOverAndForgetAsync(PartitionAgent agent)
    {
        try
        {
            await HandOverAsync(agent, CancellationToken.None);
        }
        finally
        {
            _handingOver.TryRemove(agent, out _);
        }
    }

    public async Task HandOverAsync(PartitionAgent agent, CancellationToken cancellationToken)
    {
        try
        {
            await agent.StopGracefullyAsync(cancellationToken);
            Log.PartitionHandedOver(runtime.Logger, agent.Number);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Log.HandoverTimedOut(runtime.Logger, agent.Number);
            agent.Abandon(new PartitionMovedException(agent.Number));
            await TryReleaseAsync(agent);
        }
        catch (Exception ex)
        {
            // The substrate failed under the handover (releasing the lease, most likely): what was not committed is
            // redelivered, and the lease runs out instead of being handed over. A stopping silo must not crash on it.
            Log.HandoverFailed(runtime.Logger, ex, agent.Number);
            agent.Abandon(new PartitionMovedException(agent.Number));
        }
        finally
        {
            runtime.RemovePartition(agent);
        }
    }

    private async Task TryReleaseAsync(PartitionAgent agent)
    {
        try
        {
            await runtime.Substrate.ReleaseLeaseAsync(agent.Lease, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.HandoverFailed(runtime.Logger, ex, agent.Number);
        }
    }
}

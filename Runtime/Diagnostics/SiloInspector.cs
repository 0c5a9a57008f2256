using System.Runtime.InteropServices;
using Crawler.Runtime.Catalog;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;

namespace Crawler.Runtime.Diagnostics;

/// <summary>
/// Read-only views into a running silo for the dashboard: a snapshot of its runtime, its live grain instances of a
/// kind, and where a grain lives. Nothing here goes through a mailbox or commits anything, so watching a silo adds no
/// turns; what it reads from a grain is read outside the grain's turns, so it may be a moment stale.
/// </summary>
public static class SiloInspector
{
    /// <param name="silo">The silo.</param>
    /// <param name="visit">Called with each activated grain instance on the way, so a view needs one pass over the catalog.</param>
    /// <param name="visitOnly">Which grain types <paramref name="visit"/> wants (asked once per type); all when null.</param>
    public static RuntimeSnapshot Snapshot(Silo silo, Action<Grain>? visit = null, Func<GrainTypeInfo, bool>? visitOnly = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        // The catalog holds every activation, 100,000 and more in a long crawl, and a watched silo walks it every
        // poll: so activations are tallied per type object (no type name hashed per activation), and grain instances
        // of unwanted types are not read at all (each one a likely cache miss).
        var perType = new Dictionary<GrainTypeInfo, (int Count, bool Visit)>(ReferenceEqualityComparer.Instance);
        long queued = 0;
        foreach (var activation in silo.Runtime.Catalog.Live)
        {
            ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(perType, activation.Type, out var seen);
            if (!seen)
            {
                tally.Visit = visit is not null && (visitOnly?.Invoke(activation.Type) ?? true);
            }

            tally.Count++;
            queued += activation.QueueLength;
            if (tally.Visit && activation.Instance is { } grain)
            {
                visit!(grain);
            }
        }

        var byType = perType.ToDictionary(p => p.Key.Name, p => p.Value.Count, StringComparer.Ordinal);
        var statistics = silo.Statistics;
        return new RuntimeSnapshot
        {
            SiloId = silo.SiloId,
            Status = silo.Status,
            Address = silo.Address,
            Partitions = silo.OwnedPartitions,
            ActivationsByType = byType,
            QueuedWork = queued,
            CommitsRefused = statistics.CommitsRefused,
            PartitionsLost = statistics.PartitionsLost,
            Methods = statistics.Methods,
        };
    }

    /// <summary>Up to <paramref name="max"/> active grain instances of class <typeparamref name="TGrain"/> on this silo.</summary>
    public static IReadOnlyList<TGrain> LocalGrains<TGrain>(Silo silo, int max)
        where TGrain : Grain
    {
        ArgumentNullException.ThrowIfNull(silo);
        var found = new List<TGrain>();
        foreach (var activation in silo.Runtime.Catalog.Live)
        {
            if (found.Count >= max)
            {
                break;
            }

            if (activation.Status == ActivationStatus.Active && activation.Instance is TGrain grain)
            {
                found.Add(grain);
            }
        }

        return found;
    }

    /// <summary>Whether this silo has a live activation of the grain.</summary>
    public static bool IsActive(Silo silo, GrainId grain)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.Runtime.Catalog.Live.Any(a => a.Id == grain && a.Status == ActivationStatus.Active);
    }

    /// <summary>The grain types this silo runs.</summary>
    public static IReadOnlyCollection<GrainTypeInfo> GrainTypes(Silo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.Runtime.Registry.Types;
    }

    /// <summary>The partition of a grain.</summary>
    /// <exception cref="InvalidOperationException">The grain type is unknown.</exception>
    public static int PartitionOf(Silo silo, GrainId grain)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.Runtime.Resolver.PartitionOf(grain);
    }
}

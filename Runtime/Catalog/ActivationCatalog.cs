using System.Collections.Concurrent;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Catalog;

/// <summary>The silo's activations by grain id: at most one per grain, created on the first message.</summary>
internal sealed class ActivationCatalog
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<Activation> All => _activations.Values;

    /// <summary>
    /// The activations, enumerated without locking the catalog (<see cref="All"/> copies it under every lock, which
    /// stalls activations coming and going): for read-only views, which may miss one that comes or goes meanwhile.
    /// </summary>
    public IEnumerable<Activation> Live => _activations.Select(static pair => pair.Value);

    public async Task DispatchAsync(GrainId grain, WorkItem item, PartitionAgent partition, SiloRuntime runtime)
    {
        var type = runtime.Registry.ForName(grain.Type);
        while (true)
        {
            if (!partition.IsActive)
            {
                item.Finish(null, new PartitionMovedException(partition.Number));
                return;
            }

            var activation = _activations.GetOrAdd(grain, static (id, state) => new Activation(id, state.type, state.partition, state.runtime), (type, partition, runtime));
            if (!ReferenceEquals(activation.Partition, partition))
            {
                // Left over from an earlier ownership of this partition; it is going away.
                activation.Abandon(new PartitionMovedException(partition.Number));
                _activations.TryRemove(KeyValuePair.Create(grain, activation));
                continue;
            }

            if (activation.TryEnqueue(item))
            {
                return;
            }

            // The activation is deactivating: wait until it is gone so two never run at once, then make a new one.
            await activation.Deactivated;
            _activations.TryRemove(KeyValuePair.Create(grain, activation));
        }
    }

    public void Remove(Activation activation) => _activations.TryRemove(KeyValuePair.Create(activation.Id, activation));

    public IEnumerable<Activation> InPartition(PartitionAgent partition) =>
        _activations.Values.Where(a => ReferenceEquals(a.Partition, partition));
}

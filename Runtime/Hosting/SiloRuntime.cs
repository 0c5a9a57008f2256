using System.Collections.Concurrent;
using Crawler.Runtime.Catalog;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Transport;
using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Hosting;

/// <summary>The parts of one silo that its activations, pumps and committer share.</summary>
internal sealed partial class SiloRuntime
{
    private readonly ConcurrentDictionary<int, PartitionAgent> _partitions = new();
    private volatile bool _killed;
    private volatile string _address;

    public SiloRuntime(
        SiloOptions options,
        ISubstrate substrate,
        GrainTypeRegistry registry,
        IServiceProvider services,
        TimeProvider timeProvider,
        ILogger logger,
        SiloNetwork network,
        ISiloTransport? transport = null)
    {
        Options = options;
        Substrate = substrate;
        Registry = registry;
        Resolver = new PartitionResolver(registry, substrate.PartitionCount);
        Services = services;
        TimeProvider = timeProvider;
        Logger = logger;
        Network = network;
        Statistics = new SiloStatistics(options.SiloId);
        Transport = transport;
        _address = options.Address;
        Window = new SemaphoreSlim(options.MaxOutstandingMessages, options.MaxOutstandingMessages);
        Committer = new Committer(this);
        Catalog = new ActivationCatalog();
        GrainFactory = new GrainFactory(new GrainCaller(this), registry);
    }

    public SiloOptions Options { get; }

    public string SiloId => Options.SiloId;

    public ISubstrate Substrate { get; }

    public GrainTypeRegistry Registry { get; }

    public PartitionResolver Resolver { get; }

    public IServiceProvider Services { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public SiloNetwork Network { get; }

    /// <summary>Reaches silos of other processes for request calls; null when every silo is in this process.</summary>
    public ISiloTransport? Transport { get; }

    /// <summary>Where other processes reach this silo: configured, or learned once its server has bound.</summary>
    public string Address
    {
        get => _address;
        set => _address = value;
    }

    public SiloStatistics Statistics { get; }

    public SemaphoreSlim Window { get; }

    public Committer Committer { get; }

    public ActivationCatalog Catalog { get; }

    public IGrainFactory GrainFactory { get; }

    public bool IsKilled => _killed;

    public IReadOnlyCollection<PartitionAgent> Partitions => (IReadOnlyCollection<PartitionAgent>)_partitions.Values;

    public bool TryGetPartition(int partition, out PartitionAgent agent) =>
        _partitions.TryGetValue(partition, out agent!) && agent.IsActive;

    public void AddPartition(PartitionAgent agent)
    {
        _partitions[agent.Number] = agent;
        agent.Start();
    }

    public bool RemovePartition(PartitionAgent agent) => _partitions.TryRemove(KeyValuePair.Create(agent.Number, agent));

    /// <summary>A commit was refused by epoch: another silo owns the partition now.</summary>
    public void OnPartitionFenced(PartitionEpoch refused)
    {
        // Only the ownership the refused commits were made under: a late commit of an earlier ownership of this
        // partition must not drop the silo's current one.
        if (_partitions.TryGetValue(refused.Partition, out var agent) && agent.Epoch == refused.Epoch)
        {
            Log.PartitionFenced(Logger, refused.Partition, agent.Epoch);
            OnPartitionLost(agent);
        }
    }

    public void OnPartitionLost(PartitionAgent agent)
    {
        if (RemovePartition(agent))
        {
            Statistics.PartitionWasLost();
            agent.Abandon(new PartitionMovedException(agent.Number));
        }
    }

    public void MarkKilled() => _killed = true;
}

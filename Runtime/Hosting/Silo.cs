using Crawler.Runtime.Membership;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Transport;
using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// One silo: it joins the membership table, takes its share of partitions, runs their grains, and leaves
/// gracefully (<see cref="StopAsync"/>) or, in tests, dies on the spot (<see cref="Kill"/>).
/// </summary>
public sealed partial class Silo : IAsyncDisposable
{
    private readonly SiloRuntime _runtime;
    private readonly MembershipAgent _membership;
    private readonly CancellationTokenSource _stopping = new();
    private Task _membershipLoop = Task.CompletedTask;
    private Task _collectionLoop = Task.CompletedTask;
    private int _state;

    public Silo(
        SiloOptions options,
        ISubstrate substrate,
        GrainTypeRegistry registry,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null,
        SiloNetwork? network = null,
        ISiloTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(substrate);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        timeProvider ??= TimeProvider.System;
        _runtime = new SiloRuntime(options, substrate, registry, services, timeProvider, loggerFactory.CreateLogger<Silo>(), network ?? new SiloNetwork(), transport);
        _membership = new MembershipAgent(_runtime, timeProvider.GetUtcNow());
    }

    public string SiloId => _runtime.SiloId;

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public ISubstrate Substrate => _runtime.Substrate;

    public SiloStatus Status => _membership.Status;

    public IReadOnlyList<int> OwnedPartitions => [.. _runtime.Partitions.Where(p => p.IsActive).Select(p => p.Number).Order()];

    public int ActivationCount => _runtime.Catalog.Count;

    /// <summary>Where silos and clients of other processes reach this one; empty until known.</summary>
    public string Address => _runtime.Address;

    public SiloStatistics Statistics => _runtime.Statistics;

    internal SiloRuntime Runtime => _runtime;

    /// <summary>Started and neither stopped nor killed: it answers for the partitions it holds.</summary>
    internal bool IsServing => Volatile.Read(ref _state) is 1 or 2 && !_runtime.IsKilled && _membership.Status != SiloStatus.Dead;

    /// <summary>
    /// Publishes where the silo can be reached, once its server has bound: written to the membership table at once,
    /// so peers can route request calls to it (they never route to a silo whose address is not known).
    /// </summary>
    internal async Task AdvertiseAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        _runtime.Address = address;
        if (Volatile.Read(ref _state) == 1)
        {
            await _runtime.Substrate.UpsertSiloAsync(_membership.Record(_runtime.TimeProvider.GetUtcNow()), cancellationToken);
        }

        Log.Advertised(_runtime.Logger, SiloId, address);
    }

    /// <summary>Joins the cluster and takes a first share of partitions before returning.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("A silo starts once.");
        }

        _runtime.Network.Join(_runtime);
        _runtime.Committer.Start();
        await _membership.TickAsync(cancellationToken);
        _membership.Status = SiloStatus.Active;
        await _membership.TickAsync(cancellationToken);
        Log.Started(_runtime.Logger, SiloId, OwnedPartitions.Count);
        _membershipLoop = Task.Run(() => MembershipLoopAsync(_stopping.Token), CancellationToken.None);
        _collectionLoop = Task.Run(() => CollectionLoopAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Leaves gracefully: hands every partition over (no lease expiry wait for the others), then stops.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) != 1)
        {
            return;
        }

        _membership.Status = SiloStatus.ShuttingDown;
        await _stopping.CancelAsync();
        await AwaitQuietly(_membershipLoop);
        await AwaitQuietly(_collectionLoop);
        var now = _runtime.TimeProvider.GetUtcNow();
        await _runtime.Substrate.UpsertSiloAsync(_membership.Record(now), cancellationToken);
        await Task.WhenAll(_runtime.Partitions.ToList().Select(p => _membership.HandOverAsync(p, cancellationToken)));
        await _runtime.Committer.StopAsync();
        _membership.Status = SiloStatus.Dead;
        await _runtime.Substrate.UpsertSiloAsync(_membership.Record(_runtime.TimeProvider.GetUtcNow()), cancellationToken);
        _runtime.Network.Leave(_runtime);
        Log.Stopped(_runtime.Logger, SiloId);
    }

    /// <summary>
    /// A crash, for tests: stops at once, commits nothing more, releases nothing. The other silos find out
    /// when its heartbeat and leases expire.
    /// </summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _state, 3) == 3)
        {
            return;
        }

        _runtime.MarkKilled();
        _stopping.Cancel();
        _runtime.Committer.Kill();
        foreach (var partition in _runtime.Partitions.ToList())
        {
            partition.Abandon(new SiloUnavailableException($"Silo {SiloId} was killed."));
            _runtime.RemovePartition(partition);
        }

        _runtime.Network.Leave(_runtime);
        Log.Killed(_runtime.Logger, SiloId);
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _state) == 1)
        {
            await StopAsync(CancellationToken.None);
        }

        _stopping.Dispose();
    }

    private static async Task AwaitQuietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The loop ended because the silo is stopping.
        }
    }

    private async Task MembershipLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_runtime.Options.MembershipPeriod, _runtime.TimeProvider, cancellationToken);
            try
            {
                await _membership.TickAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.MembershipTickFailed(_runtime.Logger, ex);
            }
        }
    }

    private async Task CollectionLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_runtime.Options.CollectionPeriod, _runtime.TimeProvider, cancellationToken);
            var now = _runtime.TimeProvider.GetUtcNow();
            foreach (var activation in _runtime.Catalog.All)
            {
                activation.TryDeactivateIfIdle(now, _runtime.Options.CollectionAge, DeactivationReason.Idle);
            }
        }
    }
}

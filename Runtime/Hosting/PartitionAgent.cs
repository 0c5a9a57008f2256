using Crawler.Runtime.Catalog;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// A partition this silo holds: the pump that reads its mailbox into activations, and the lease epoch every
/// commit of its activations carries.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Its CancellationTokenSource has no timer; it is cancelled, never disposed, so late callers cannot hit ObjectDisposedException.")]
internal sealed partial class PartitionAgent
{
    private readonly SiloRuntime _runtime;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _pump = Task.CompletedTask;
    private int _outstanding;
    private volatile bool _active = true;
    private volatile string _pumpStage = "starting";

    public PartitionAgent(PartitionLease lease, SiloRuntime runtime)
    {
        Lease = lease;
        _runtime = runtime;
    }

    public PartitionLease Lease { get; set; }

    public int Number => Lease.Partition;

    public long Epoch => Lease.Epoch;

    public bool IsActive => _active;

    /// <summary>Messages handed to activations and not yet finished.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>What the pump is doing now, for diagnostics: a pump that stays on one step tells where a partition is stuck.</summary>
    public string PumpStage => _pumpStage;

    public void Start() => _pump = Task.Run(PumpAsync);

    public Task<bool> CommitAsync(TurnCommit commit) => _runtime.Committer.CommitAsync(commit);

    public async Task<object?> InvokeAsync(GrainId grain, GrainMethod method, object?[] arguments)
    {
        var item = WorkItem.Request(method, arguments);
        await _runtime.Catalog.DispatchAsync(grain, item, this, _runtime);
        return await item.Reply!.Task;
    }

    /// <summary>Hands the partition over: stop reading, let started turns commit, deactivate, release the lease.</summary>
    public async Task StopGracefullyAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _pump;
        if (Volatile.Read(ref _outstanding) > 0)
        {
            await _drained.Task.WaitAsync(_runtime.Options.HandoverTimeout, _runtime.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        var now = _runtime.TimeProvider.GetUtcNow();
        var pending = new List<Task>();
        foreach (var activation in _runtime.Catalog.InPartition(this).ToList())
        {
            if (activation.TryDeactivateIfIdle(now, TimeSpan.Zero, DeactivationReason.PartitionHandover) || activation.Status == ActivationStatus.Deactivating)
            {
                pending.Add(activation.Deactivated);
            }
        }

        await Task.WhenAll(pending).WaitAsync(_runtime.Options.HandoverTimeout, _runtime.TimeProvider, cancellationToken).ConfigureAwait(false);
        _active = false;
        Abandon(new PartitionMovedException(Number));
        await _runtime.Substrate.ReleaseLeaseAsync(Lease, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops everything at once: the lease is lost, or the silo crashed.</summary>
    public void Abandon(Exception reason)
    {
        _active = false;
        _stopping.Cancel();
        foreach (var activation in _runtime.Catalog.InPartition(this).ToList())
        {
            activation.Abandon(reason);
        }
    }

    private async Task PumpAsync()
    {
        var token = _stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                _pumpStage = "reading";
                var batch = await _runtime.Substrate.ReadMailboxAsync(Lease, _runtime.Options.MailboxReadBatch, token);
                if (batch.Count == 0)
                {
                    _pumpStage = "waiting for mail";
                    await _runtime.Substrate.WaitForMailboxAsync(Number, _runtime.Options.MailboxPollInterval, token);
                    continue;
                }

                foreach (var envelope in batch)
                {
                    _pumpStage = "waiting for the window";
                    await _runtime.Window.WaitAsync(token);
                    Interlocked.Increment(ref _outstanding);
                    var item = WorkItem.FromEnvelope(envelope, OnDurableFinished);
                    _pumpStage = $"dispatching to {envelope.Target}";
                    await _runtime.Catalog.DispatchAsync(envelope.Target, item, this, _runtime);
                }
            }

            _pumpStage = "stopped";
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: what was read and not dispatched is redelivered to the next owner.
        }
        catch (Exception ex)
        {
            Log.PumpFailed(_runtime.Logger, ex, Number);
            _runtime.OnPartitionLost(this);
            _ = ReleaseAfterFailureAsync();
        }
    }

    /// <summary>
    /// A failed read may still have marked messages delivered at this epoch, and only a new epoch hands them out
    /// again. Releasing the lease lets the next tick (here or elsewhere) take the partition at once at a new epoch,
    /// instead of after the lease runs out; while the substrate cannot be reached, this keeps trying until then.
    /// </summary>
    private async Task ReleaseAfterFailureAsync()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!_runtime.IsKilled && _runtime.TimeProvider.GetUtcNow() < Lease.ExpiresAt)
        {
            try
            {
                await _runtime.Substrate.ReleaseLeaseAsync(Lease, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                Log.ReleaseRetrying(_runtime.Logger, ex, Number, delay);
                await Task.Delay(delay, _runtime.TimeProvider).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
    }

    private void OnDurableFinished()
    {
        _runtime.Window.Release();
        if (Interlocked.Decrement(ref _outstanding) == 0 && _stopping.IsCancellationRequested)
        {
            _drained.TrySetResult();
        }
    }
}

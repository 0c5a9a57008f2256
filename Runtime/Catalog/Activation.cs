using Crawler.Runtime.Hosting;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Runtime.Catalog;

/// <summary>
/// One live grain: its queue of work and the loop that runs it one turn at a time (or interleaved at awaits,
/// for a reentrant grain, on its own exclusive scheduler). Turns are pipelined: the next turn does not wait
/// for the previous one's commit, but a caller's reply and a durable message's acknowledgement do.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Its CancellationTokenSource has no timer; it is cancelled, never disposed, so late callers cannot hit ObjectDisposedException.")]
internal sealed partial class Activation
{
    private readonly Lock _gate = new();
    private readonly Queue<WorkItem> _queue = new();
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskScheduler? _scheduler;
    private Grain? _grain;
    private ActivationStatus _status = ActivationStatus.Created;
    private bool _running;
    private bool _deactivationRequested;
    private int _turnsInProgress;
    private long _lastUsedTicks;

    public Activation(GrainId id, GrainTypeInfo type, PartitionAgent partition, SiloRuntime runtime)
    {
        Id = id;
        Type = type;
        Partition = partition;
        Runtime = runtime;
        _scheduler = type.IsReentrant ? new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, 1).ExclusiveScheduler : null;
        _lastUsedTicks = runtime.TimeProvider.GetUtcNow().UtcTicks;
    }

    public GrainId Id { get; }

    public GrainTypeInfo Type { get; }

    public PartitionAgent Partition { get; }

    public SiloRuntime Runtime { get; }

    /// <summary>Completes when the activation has been deactivated or abandoned.</summary>
    public Task Deactivated => _deactivated.Task;

    public ActivationStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Queues work; false when this activation is going away and a new one must take it.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        lock (_gate)
        {
            if (_status is ActivationStatus.Deactivating or ActivationStatus.Dead)
            {
                return false;
            }

            _queue.Enqueue(item);
            if (_running)
            {
                return true;
            }

            _running = true;
        }

        if (_scheduler is null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.RunAsync(), this, preferLocal: false);
        }
        else
        {
            _ = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();
        }

        return true;
    }

    public void RequestDeactivation()
    {
        lock (_gate)
        {
            _deactivationRequested = true;
        }
    }

    /// <summary>Starts deactivation if nothing runs or waits and the grain has been idle long enough (or asked).</summary>
    public bool TryDeactivateIfIdle(DateTimeOffset now, TimeSpan idleAge, DeactivationReason reason)
    {
        lock (_gate)
        {
            var idleLongEnough = _deactivationRequested || now.UtcTicks - _lastUsedTicks >= idleAge.Ticks;
            if (_status == ActivationStatus.Dead || _running || _queue.Count > 0 || _turnsInProgress > 0 || !idleLongEnough
                || _status == ActivationStatus.Deactivating)
            {
                return false;
            }

            _status = ActivationStatus.Deactivating;
        }

        _ = DeactivateAsync(_deactivationRequested ? DeactivationReason.Requested : reason);
        return true;
    }

    /// <summary>Drops the activation without running or committing anything more: its partition is gone.</summary>
    public void Abandon(Exception reason)
    {
        WorkItem[] dropped;
        lock (_gate)
        {
            if (_status == ActivationStatus.Dead)
            {
                return;
            }

            _status = ActivationStatus.Dead;
            dropped = [.. _queue];
            _queue.Clear();
        }

        _cancellation.Cancel();
        foreach (var item in dropped)
        {
            item.Finish(null, reason);
        }

        Runtime.Catalog.Remove(this);
        _deactivated.TrySetResult();
    }

    private async Task RunAsync()
    {
        while (true)
        {
            WorkItem? item = null;
            lock (_gate)
            {
                if (_status == ActivationStatus.Dead || !_queue.TryDequeue(out item))
                {
                    _running = false;
                    _lastUsedTicks = Runtime.TimeProvider.GetUtcNow().UtcTicks;
                    var deactivateNow = _deactivationRequested && _turnsInProgress == 0 && _status == ActivationStatus.Active;
                    if (deactivateNow)
                    {
                        _status = ActivationStatus.Deactivating;
                    }

                    if (!deactivateNow)
                    {
                        return;
                    }
                }
                else
                {
                    _turnsInProgress++;
                }
            }

            if (item is null)
            {
                await DeactivateAsync(DeactivationReason.Requested);
                return;
            }

            if (_grain is null && !await TryActivateAsync(item))
            {
                continue;
            }

            if (_scheduler is null)
            {
                await RunTurnAsync(item);
            }
            else
            {
                // Reentrant: the turn starts now and interleaves with the next ones at its awaits.
                _ = RunTurnAsync(item);
            }
        }
    }

    private async Task<bool> TryActivateAsync(WorkItem first)
    {
        var turn = new TurnContext(this);
        TurnContext.Current = turn;
        try
        {
            var grain = (Grain)ActivatorUtilities.CreateInstance(Runtime.Services, Type.GrainClass);
            grain.Attach(this);
            grain.RestoreState(await Runtime.Substrate.ReadStateAsync(Id, _cancellation.Token));
            await grain.OnActivateAsync(_cancellation.Token);
            _grain = grain;
            lock (_gate)
            {
                if (_status == ActivationStatus.Created)
                {
                    _status = ActivationStatus.Active;
                }
            }

            if (turn.HasEffects)
            {
                _ = Partition.CommitAsync(BuildCommit(turn, null));
            }

            return true;
        }
        catch (Exception ex)
        {
            Log.ActivationFailed(Runtime.Logger, ex, Id);
            var error = new GrainActivationException($"Activating {Id} failed: {ex.Message}", ex);
            EndTurn();
            FinishWithoutEffects(first, error);
            Abandon(error);
            return false;
        }
        finally
        {
            TurnContext.Current = null;
        }
    }

    private async Task RunTurnAsync(WorkItem item)
    {
        var turn = new TurnContext(this);
        TurnContext.Current = turn;
        object? result = null;
        Exception? error = null;
        try
        {
            result = await item.Method.InvokeAsync(_grain!, item.Arguments, _cancellation.Token);
        }
        catch (Exception ex)
        {
            error = ex;
        }
        finally
        {
            TurnContext.Current = null;
        }

        EndTurn();
        if (error is not null)
        {
            // A failed turn is rolled back: its staged effects are dropped, and so is the activation, so the
            // next message reloads the committed state instead of the half-changed one in memory.
            Log.TurnFailed(Runtime.Logger, error, Id, item.Method.Id);
            FinishWithoutEffects(item, error);
            RequestDeactivation();
            return;
        }

        if (!turn.HasEffects && item.Durable is null)
        {
            item.Finish(result, null);
            return;
        }

        var committed = await Partition.CommitAsync(BuildCommit(turn, item.Durable));
        item.Finish(result, committed ? null : new PartitionMovedException(Partition.Number));
    }

    private void FinishWithoutEffects(WorkItem item, Exception error)
    {
        if (item.Durable is null)
        {
            item.Finish(null, error);
            return;
        }

        // A durable message whose turn failed is acknowledged anyway: redelivering a poison message forever
        // would stall its partition. The failure is logged above.
        _ = Partition.CommitAsync(new TurnCommit(Partition.Number, Partition.Epoch, Id) { ConsumedSequence = item.Durable.Sequence })
            .ContinueWith(_ => item.Finish(null, error), TaskScheduler.Default);
    }

    private void EndTurn()
    {
        lock (_gate)
        {
            _turnsInProgress--;
            _lastUsedTicks = Runtime.TimeProvider.GetUtcNow().UtcTicks;
        }
    }

    private TurnCommit BuildCommit(TurnContext turn, Envelope? consumed) =>
        new(Partition.Number, Partition.Epoch, Id)
        {
            ConsumedSequence = consumed?.Sequence,
            State = turn.StateWritten && !turn.ClearState ? turn.State : null,
            ClearState = turn.ClearState,
            Outgoing = turn.Outgoing,
            Appends = turn.Appends,
        };

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        try
        {
            if (_grain is not null)
            {
                var turn = new TurnContext(this);
                TurnContext.Current = turn;
                try
                {
                    await _grain.OnDeactivateAsync(reason, _cancellation.Token);
                }
                finally
                {
                    TurnContext.Current = null;
                }

                if (turn.HasEffects)
                {
                    await Partition.CommitAsync(BuildCommit(turn, null));
                }
            }
        }
        catch (Exception ex)
        {
            Log.DeactivationFailed(Runtime.Logger, ex, Id);
        }
        finally
        {
            lock (_gate)
            {
                _status = ActivationStatus.Dead;
            }

            Runtime.Catalog.Remove(this);
            _deactivated.TrySetResult();
        }
    }
}

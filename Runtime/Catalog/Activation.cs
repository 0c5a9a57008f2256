using Crawler.Runtime.Hosting;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Runtime.Catalog;

/// <summary>
/// One live grain: its queue of work and the loop that runs it one turn at a time (or interleaved at awaits,
/// for a reentrant grain, on its own exclusive scheduler). A turn ends when its commit does, so a caller's
/// reply and a durable message's acknowledgement come after the commit. The next turn of a non-reentrant grain
/// does not wait for it: turns are pipelined, their commits queued in turn order (the committer refuses every
/// commit of an ownership after a refused one, since later states hold the refused turn's changes), and a turn
/// without effects answers only once the commits before it are done, so no caller ever sees state that might not
/// commit. A grain whose state every turn writes (a job's counters) thus runs at the speed of memory, not at one
/// database round trip per turn. Once its partition is gone, an activation commits nothing more.
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
    private bool _rolledBack;
    private int _turnsInProgress;
    private long _lastUsedTicks;
    private volatile Task<bool> _lastCommit = Task.FromResult(true);

    // The method of the turn running now and since when, for diagnostics (read without the lock: may be a moment stale).
    private volatile string? _currentMethod;
    private long _currentSince;
    private Exception? _abandonedBecause;

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

    /// <summary>The grain instance once activated, for read-only views (the dashboard); null before.</summary>
    public Grain? Instance => _grain;

    /// <summary>Work queued and not started; read without the lock, so a view may see it a moment late.</summary>
    public int QueueLength => _queue.Count;

    /// <summary>Whether a turn runs now (read without the lock), for diagnostics.</summary>
    public bool IsBusy => _currentMethod is not null;

    /// <summary>Its status, queue, turns in progress and whether its loop runs, for diagnostics.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            var current = _currentMethod is { } method ? $", in {method} for {Runtime.TimeProvider.GetElapsedTime(_currentSince).TotalSeconds:F1} s" : "";
            return $"{Id} {_status}: {_queue.Count} queued, {_turnsInProgress} turns in progress, loop {(_running ? "running" : "idle")}{(_rolledBack ? ", rolled back" : "")}{current}, last commit {(_lastCommit.IsCompleted ? "done" : "pending")}";
        }
    }

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

        Schedule();
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
            _abandonedBecause = reason;
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

    /// <summary>
    /// Activating failed: queued requests get the error, queued durable messages go to a new activation. The
    /// partition is still this silo's, so nothing would redeliver messages that were dropped here.
    /// </summary>
    private void AbandonAfterFailedActivation(Exception error)
    {
        WorkItem[] queued;
        lock (_gate)
        {
            _status = ActivationStatus.Dead;
            queued = [.. _queue];
            _queue.Clear();
        }

        _cancellation.Cancel();
        Runtime.Catalog.Remove(this);
        foreach (var item in queued)
        {
            if (item.Durable is null)
            {
                item.Finish(null, error);
            }
            else
            {
                _ = Runtime.Catalog.DispatchAsync(Id, item, Partition, Runtime);
            }
        }

        _deactivated.TrySetResult();
    }

    private async Task RunAsync()
    {
        while (true)
        {
            WorkItem? item = null;
            WorkItem[]? handOff = null;
            lock (_gate)
            {
                if (_rolledBack && _status == ActivationStatus.Active)
                {
                    // The only turn in progress failed: no further turn may run on this instance's half-changed
                    // memory. Once that turn has ended (a reentrant one ends outside this loop and restarts it),
                    // the queue goes to a new activation, which loads the committed state.
                    _running = false;
                    if (_turnsInProgress > 0)
                    {
                        return;
                    }

                    _status = ActivationStatus.Deactivating;
                    handOff = [.. _queue];
                    _queue.Clear();
                }
                else if (_status == ActivationStatus.Dead || !_queue.TryDequeue(out item))
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

            if (handOff is not null)
            {
                await DeactivateAsync(DeactivationReason.Requested, handOff);
                return;
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
            grain.RestoreState(await ReadStateAsync());
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
                _ = Commit(BuildCommit(turn, null));
            }

            return true;
        }
        catch (Exception ex)
        {
            if (AbandonedBecause() is not null)
            {
                Log.DroppedWithPartition(Runtime.Logger, Id, "activation");
            }
            else
            {
                Log.ActivationFailed(Runtime.Logger, ex, Id);
            }

            var error = new GrainActivationException($"Activating {Id} failed: {ex.Message}", ex);
            EndTurn();

            // Out of the catalog before the caller hears of it, so a call it makes next activates the grain anew
            // instead of queueing behind this failed one.
            AbandonAfterFailedActivation(error);
            FinishWithoutEffects(first, error);
            return false;
        }
        finally
        {
            TurnContext.Current = null;
        }
    }

    /// <summary>
    /// Loads the committed state, waiting out a substrate that cannot be reached: failing the activation would
    /// drop its first message as if the message were at fault. The lease bounds the wait: a silo that cannot reach
    /// the substrate loses the partition, which drops this activation and fires its token.
    /// </summary>
    private async Task<byte[]?> ReadStateAsync()
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                return await Runtime.Substrate.ReadStateAsync(Id, _cancellation.Token);
            }
            catch (Exception ex) when (!_cancellation.IsCancellationRequested)
            {
                Log.StateReadRetrying(Runtime.Logger, ex, Id, delay);
                await Task.Delay(delay, Runtime.TimeProvider, _cancellation.Token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    private async Task RunTurnAsync(WorkItem item)
    {
        var started = Runtime.TimeProvider.GetTimestamp();
        _currentMethod = item.DroppedBecause is null ? item.Method.Id : "OnMessageDroppedAsync";
        _currentSince = started;
        var turn = new TurnContext(this);
        TurnContext.Current = turn;
        object? result = null;
        Exception? error = null;
        try
        {
            result = item.DroppedBecause is { } dropped
                ? await TellDroppedAsync(item, dropped)
                : await item.Method.InvokeAsync(_grain!, item.Arguments, _cancellation.Token);
        }
        catch (Exception ex)
        {
            error = ex;
            lock (_gate)
            {
                // Counted turns of a non-reentrant grain beyond this one only wait for their commits.
                if (_scheduler is null || _turnsInProgress == 1)
                {
                    _rolledBack = true;
                }
                else
                {
                    // Reentrant turns still run on this memory and may wait for calls still queued; blocking
                    // those would deadlock, so the instance serves on and goes once idle.
                    _deactivationRequested = true;
                }
            }
        }
        finally
        {
            TurnContext.Current = null;
        }

        _currentMethod = null;
        Runtime.Statistics.TurnRan(item.Method.Id, Runtime.TimeProvider.GetElapsedTime(started), error is not null);
        if (error is not null)
        {
            EndTurn();

            // A failed turn is rolled back: its staged effects are dropped, and so is the activation, so the
            // next message reloads the committed state instead of the half-changed one in memory. The flag is
            // set before the caller hears of the failure, so its next call cannot reach this instance.
            if (AbandonedBecause() is not null)
            {
                Log.DroppedWithPartition(Runtime.Logger, Id, item.Method.Id);
            }
            else
            {
                Log.TurnFailed(Runtime.Logger, error, Id, item.Method.Id);
            }

            FinishWithoutEffects(item, error);
            return;
        }

        if (AbandonedBecause() is { } abandoned)
        {
            // The partition went away while the turn ran: it commits nothing (a late commit of an old ownership
            // could only be refused) and answers nothing read from memory that may never commit. Its message is
            // redelivered to the partition's next owner; a caller calls that owner.
            EndTurn();
            FinishWithoutEffects(item, abandoned);
            return;
        }

        if (!turn.HasEffects && item.Durable is null)
        {
            EndTurn();
            if (_scheduler is null && !_lastCommit.IsCompleted)
            {
                // What it read may come from turns whose commits are still on their way: answer after them.
                _ = FinishAfterCommitAsync(_lastCommit, item, result, endsTurn: false);
            }
            else
            {
                item.Finish(result, null);
            }

            return;
        }

        // The turn is in progress until its commit is done, so the activation cannot be deactivated (and a new
        // one load the state) while the turn's effects are still on their way to the substrate.
        var commit = Commit(BuildCommit(turn, item.Durable));
        if (_scheduler is null)
        {
            // Pipelined: the loop runs the next turn while this one commits.
            _ = FinishAfterCommitAsync(commit, item, result, endsTurn: true);
            return;
        }

        await FinishAfterCommitAsync(commit, item, result, endsTurn: true);
    }

    private async Task FinishAfterCommitAsync(Task<bool> commit, WorkItem item, object? result, bool endsTurn)
    {
        var committed = await commit.ConfigureAwait(false);
        if (endsTurn)
        {
            EndTurn();
        }

        item.Finish(result, committed ? null : new PartitionMovedException(Partition.Number));
    }

    /// <summary>Queues a commit of this activation; commits reach the substrate in the order they are queued.</summary>
    private Task<bool> Commit(TurnCommit commit)
    {
        var committed = Partition.CommitAsync(commit);
        _lastCommit = committed;
        return committed;
    }

    private void FinishWithoutEffects(WorkItem item, Exception error)
    {
        if (AbandonedBecause() is { } abandonedBecause)
        {
            // A dropped activation's turn did not fail on its message: the partition went away under it (lease lost,
            // pump failed, handover timed out) and its token fired. Acknowledging would lose the message, since the
            // lease may still hold at this epoch; left alone, it is redelivered to the partition's next owner. A
            // caller hears why (the partition moved), not the cancellation, so it calls the next owner.
            item.Finish(null, abandonedBecause);
            return;
        }

        if (item.Durable is null)
        {
            item.Finish(null, error);
            return;
        }

        if (item.Attempt < Runtime.Options.MaxMessageAttempts)
        {
            // A turn may fail for a passing reason (a call to a silo that just died timed out): the message is tried
            // again after a pause, by a fresh activation (this one is rolled back), before it counts as poison.
            var delay = Runtime.Options.MessageRetryDelay * item.Attempt;
            item.Attempt++;
            Log.MessageRetrying(Runtime.Logger, Id, item.Method.Id, item.Attempt, delay);
            _ = RetryLaterAsync(item, delay);
            return;
        }

        if (item.DroppedBecause is null)
        {
            // A durable message whose turns kept failing is given up (redelivering a poison message forever would
            // stall its partition), but the grain hears of it first, in a turn of a fresh activation.
            Log.MessageDropped(Runtime.Logger, Id, item.Method.Id, item.Attempt);
            item.DroppedBecause = error;
            _ = Runtime.Catalog.DispatchAsync(Id, item, Partition, Runtime);
            return;
        }

        // Even that turn failed: the message is acknowledged without effects.
        _ = Commit(new TurnCommit(Partition.Number, Partition.Epoch, Id) { ConsumedSequence = item.Durable.Sequence })
            .ContinueWith(_ => item.Finish(null, error), TaskScheduler.Default);
    }

    private async Task<object?> TellDroppedAsync(WorkItem item, Exception error)
    {
        await _grain!.OnMessageDroppedAsync(new DroppedMessage(item.Method.Id, item.Arguments, error, item.Attempt), _cancellation.Token);
        return null;
    }

    /// <summary>
    /// Queues a failed message again after <paramref name="delay"/>. It keeps its window slot meanwhile; should the
    /// partition go, the dispatch ends it unacknowledged and the next owner gets it.
    /// </summary>
    private async Task RetryLaterAsync(WorkItem item, TimeSpan delay)
    {
        await Task.Delay(delay, Runtime.TimeProvider).ConfigureAwait(false);
        await Runtime.Catalog.DispatchAsync(Id, item, Partition, Runtime).ConfigureAwait(false);
    }

    /// <summary>Why the activation was dropped with its partition (or its silo), or null while it was not.</summary>
    private Exception? AbandonedBecause()
    {
        lock (_gate)
        {
            return _status == ActivationStatus.Dead ? _abandonedBecause : null;
        }
    }

    private void EndTurn()
    {
        lock (_gate)
        {
            _turnsInProgress--;
            _lastUsedTicks = Runtime.TimeProvider.GetUtcNow().UtcTicks;
            if (!(_rolledBack || _deactivationRequested) || _turnsInProgress > 0 || _running || _status != ActivationStatus.Active)
            {
                return;
            }

            // The last turn of an instance that is to go ended outside the loop (reentrant): restart the loop,
            // which deactivates it or hands its queue over.
            _running = true;
        }

        Schedule();
    }

    private void Schedule()
    {
        if (_scheduler is null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.RunAsync(), this, preferLocal: false);
        }
        else
        {
            _ = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();
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

    private async Task DeactivateAsync(DeactivationReason reason, WorkItem[]? handOff = null)
    {
        try
        {
            bool rolledBack;
            lock (_gate)
            {
                rolledBack = _rolledBack;
            }

            // A rolled-back instance's memory holds the failed turn's changes: OnDeactivateAsync must not commit them.
            if (_grain is not null && !rolledBack)
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

            // Queued before the callers waiting on Deactivated, so the handed-off work keeps its order.
            foreach (var item in handOff ?? [])
            {
                _ = Runtime.Catalog.DispatchAsync(Id, item, Partition, Runtime);
            }

            _deactivated.TrySetResult();
        }
    }
}

using System.Buffers;
using System.Text;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// Sends a silo's outgoing grain calls: one-way messages into the sending turn's outbox (or straight to the
/// substrate from outside a turn), requests to whichever silo owns the target's partition, retried while the
/// partition moves. The owner is found in the lease table; a silo of this process is called directly, a silo of
/// another process through the <see cref="Transport.ISiloTransport"/> at the address it published.
/// </summary>
internal sealed partial class GrainCaller(SiloRuntime runtime)
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private volatile ClusterView _view = ClusterView.Empty;
    private Task<ClusterView>? _refreshing;

    public Task SendOneWayAsync(GrainId target, GrainMethod method, object?[] arguments, CancellationToken cancellationToken)
    {
        var envelope = new Envelope(target, runtime.Resolver.PartitionOf(target), method, WithoutToken(method, arguments));

        // Encoded now, so arguments that cannot be stored fail this call in the sender's turn; found at the commit,
        // they would fail every retry of a batch that other turns share. So would a key no UTF-8 text column can hold.
        envelope.EncodeArguments();
        if (!IsValidUnicode(target.Key))
        {
            throw new ArgumentException($"The key of {target.Type} '{target.Key}' is not valid Unicode (a lone surrogate), so a message to it cannot be stored.", nameof(target));
        }

        if (TurnContext.Current is { } turn)
        {
            turn.Outgoing.Add(envelope);
            return Task.CompletedTask;
        }

        if (runtime.IsKilled)
        {
            return Task.FromException(new SiloUnavailableException($"Silo {runtime.SiloId} is stopped."));
        }

        return runtime.Substrate.EnqueueAsync([envelope], cancellationToken);
    }

    public async Task<object?> CallAsync(GrainId target, GrainMethod method, object?[] arguments, CancellationToken cancellationToken)
    {
        var partition = runtime.Resolver.PartitionOf(target);
        var time = runtime.TimeProvider;
        var deadline = time.GetUtcNow() + runtime.Options.ResponseTimeout;
        arguments = WithoutToken(method, arguments);
        var delay = FirstRetryDelay;
        var refresh = false;
        while (true)
        {
            if (runtime.IsKilled)
            {
                throw new SiloUnavailableException($"Silo {runtime.SiloId} is stopped.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var (agent, remote, lease) = await FindRouteAsync(partition, refresh, cancellationToken);
            try
            {
                if (agent is not null)
                {
                    var remaining = deadline - time.GetUtcNow();
                    return await agent.InvokeAsync(target, method, arguments)
                        .WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time, cancellationToken);
                }

                if (remote is not null)
                {
                    return await CallRemoteAsync(remote, lease!, target, partition, method, arguments, deadline, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is PartitionMovedException or SiloUnavailableException)
            {
                // The partition is moving, or its owner is gone: find its new owner below.
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No silo answered for {target} (partition {partition}) within {runtime.Options.ResponseTimeout}.");
            }

            await Task.Delay(delay < left ? delay : left, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            refresh = true;
        }
    }

    /// <summary>This process's activation of the partition, or the remote silo holding it, or neither (yet).</summary>
    private async Task<(PartitionAgent? Agent, SiloRecord? Remote, PartitionLease? Lease)> FindRouteAsync(int partition, bool refresh, CancellationToken cancellationToken)
    {
        if (runtime.TryGetPartition(partition, out var local))
        {
            return (local, null, null);
        }

        var view = refresh || _view.IsEmpty ? await RefreshAsync(cancellationToken) : _view;
        if (view?.Lease(partition) is not { Owner: { } owner } lease)
        {
            return default;
        }

        if (runtime.Network.TryGet(owner, out var silo))
        {
            return !silo.IsKilled && silo.TryGetPartition(partition, out var inProcess) ? (inProcess, null, null) : default;
        }

        // Another process: only a live lease, and only once that silo has published its address.
        if (runtime.Transport is not null && owner != runtime.SiloId && lease.ExpiresAt > runtime.TimeProvider.GetUtcNow()
            && view.Reachable(owner) is { } record)
        {
            return (null, record, lease);
        }

        return default;
    }

    /// <summary>
    /// Calls a silo of another process, watching the partition's lease meanwhile: a silo that stops answering without
    /// closing its connections (paused, or its machine gone) loses its lease, and once the lease has moved or run out
    /// the call is given up here and tried at the new owner. What the old owner still does for it cannot commit.
    /// </summary>
    private async Task<object?> CallRemoteAsync(
        SiloRecord silo, PartitionLease lease, GrainId target, int partition, GrainMethod method, object?[] arguments, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var time = runtime.TimeProvider;
        var remaining = deadline - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            throw new TimeoutException($"No silo answered for {target} (partition {partition}) within {runtime.Options.ResponseTimeout}.");
        }

        using var expired = new CancellationTokenSource(remaining, time);
        using var moved = new CancellationTokenSource();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expired.Token, moved.Token);
        try
        {
            var call = runtime.Transport!.InvokeAsync(silo, target, partition, method, arguments, attempt.Token);
            while (true)
            {
                var watch = Task.Delay(runtime.Options.MembershipPeriod, time, attempt.Token);
                if (await Task.WhenAny(call, watch) == call || attempt.IsCancellationRequested)
                {
                    return await call;
                }

                var view = await RefreshAsync(cancellationToken);
                if (view?.Lease(partition) is not { } now || now.Owner != lease.Owner || now.Epoch != lease.Epoch || now.ExpiresAt <= time.GetUtcNow())
                {
                    await moved.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && moved.IsCancellationRequested)
        {
            throw new SiloUnavailableException($"Silo {silo.SiloId} did not answer for {target} and partition {partition} has left it.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Silo {silo.SiloId} did not answer for {target} (partition {partition}) within {runtime.Options.ResponseTimeout}.");
        }
    }

    /// <summary>
    /// Reads the leases (and, with a transport, the silos) again; concurrent callers share one read. Null when the
    /// substrate cannot be read right now: the caller retries until its deadline.
    /// </summary>
    private async Task<ClusterView?> RefreshAsync(CancellationToken cancellationToken)
    {
        Task<ClusterView> refreshing;
        lock (_gate)
        {
            if (_refreshing is null || _refreshing.IsCompleted)
            {
                _refreshing = ReadViewAsync();
            }

            refreshing = _refreshing;
        }

        try
        {
            return await refreshing.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ViewUnavailable(runtime.Logger, ex);
            return null;
        }
    }

    private async Task<ClusterView> ReadViewAsync()
    {
        // Shared by every caller waiting on it, so no one caller's token may cancel it.
        var leases = await runtime.Substrate.ListLeasesAsync(CancellationToken.None);
        IReadOnlyList<SiloRecord> silos = runtime.Transport is null ? [] : await runtime.Substrate.ListSilosAsync(CancellationToken.None);
        var view = new ClusterView(leases, silos);
        _view = view;
        return view;
    }

    private static object?[] WithoutToken(GrainMethod method, object?[] arguments)
    {
        if (method.CancellationTokenIndex < 0)
        {
            return arguments;
        }

        // The caller's token only bounds the caller's wait; the grain gets its activation's token.
        var copy = (object?[])arguments.Clone();
        copy[method.CancellationTokenIndex] = CancellationToken.None;
        return copy;
    }

    private static bool IsValidUnicode(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var used) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }
}

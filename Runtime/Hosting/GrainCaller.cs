using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;

namespace Crawler.Runtime.Hosting;

/// <summary>
/// Sends a silo's outgoing grain calls: one-way messages into the sending turn's outbox (or straight to the
/// substrate from outside a turn), requests to whichever silo owns the target's partition, retried while the
/// partition moves.
/// </summary>
internal sealed class GrainCaller(SiloRuntime runtime)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);
    private PartitionLease[] _leaseView = [];

    public Task SendOneWayAsync(GrainId target, GrainMethod method, object?[] arguments, CancellationToken cancellationToken)
    {
        var envelope = new Envelope(target, runtime.Resolver.PartitionOf(target), method, WithoutToken(method, arguments));
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
        while (true)
        {
            if (runtime.IsKilled)
            {
                throw new SiloUnavailableException($"Silo {runtime.SiloId} is stopped.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var agent = await FindAgentAsync(partition, refresh: false, cancellationToken);
            if (agent is not null)
            {
                try
                {
                    var remaining = deadline - time.GetUtcNow();
                    return await agent.InvokeAsync(target, method, arguments)
                        .WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time, cancellationToken);
                }
                catch (Exception ex) when (ex is PartitionMovedException or SiloUnavailableException)
                {
                    // The partition is moving; find its new owner below.
                }
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"No silo answered for {target} (partition {partition}) within {runtime.Options.ResponseTimeout}.");
            }

            await Task.Delay(RetryDelay, time, cancellationToken);
            await RefreshLeasesAsync(cancellationToken);
        }
    }

    private async Task<PartitionAgent?> FindAgentAsync(int partition, bool refresh, CancellationToken cancellationToken)
    {
        if (runtime.TryGetPartition(partition, out var local))
        {
            return local;
        }

        if (refresh || _leaseView.Length == 0)
        {
            await RefreshLeasesAsync(cancellationToken);
        }

        var view = _leaseView;
        if (partition < view.Length && view[partition].Owner is { } owner
            && runtime.Network.TryGet(owner, out var silo) && !silo.IsKilled
            && silo.TryGetPartition(partition, out var remote))
        {
            return remote;
        }

        return null;
    }

    private async Task RefreshLeasesAsync(CancellationToken cancellationToken) =>
        _leaseView = [.. await runtime.Substrate.ListLeasesAsync(cancellationToken)];

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
}

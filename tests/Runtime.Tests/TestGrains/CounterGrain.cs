namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>A plain, non-reentrant grain that reports its lifecycle and its turns to the probe.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly TestProbe _probe;
    private int _calls;
    private int _inTurn;

    public CounterGrain(TestProbe probe)
    {
        _probe = probe;
        _probe.Increment("CounterGrain.constructed");
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _probe.Increment($"activated:{GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        _probe.Record($"deactivated:{key}", reason);
        _probe.Signal($"deactivated:{key}:{_probe.Records<DeactivationReason>($"deactivated:{key}").Count}").TrySetResult();
        return Task.CompletedTask;
    }

    public Task<int> Ping() => Task.FromResult(++_calls);

    public async Task ExclusiveTurn()
    {
        if (Interlocked.Increment(ref _inTurn) != 1)
        {
            _probe.Violation($"{GrainId}: a turn started while another was in progress");
        }

        await Task.Yield();
        if (Volatile.Read(ref _inTurn) != 1)
        {
            _probe.Violation($"{GrainId}: another turn ran while this one awaited");
        }

        Interlocked.Decrement(ref _inTurn);
    }

    public Task Request(int sequence)
    {
        _probe.Record($"calls:{GetPrimaryKeyString()}", sequence);
        return Task.CompletedTask;
    }

    public Task Send(int sequence)
    {
        _probe.Record($"sends:{GetPrimaryKeyString()}", sequence);
        return Task.CompletedTask;
    }

    public Task<string> Where() => Task.FromResult(SiloId);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

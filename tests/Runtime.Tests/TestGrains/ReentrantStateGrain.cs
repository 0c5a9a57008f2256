namespace Crawler.Runtime.Tests.TestGrains;

[Reentrant]
public sealed class ReentrantStateGrain(TestProbe probe) : Grain<StateGrainState>, IReentrantStateGrain
{
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"reentrant-state-deactivated:{GetPrimaryKeyString()}").TrySetResult();
        return Task.CompletedTask;
    }

    public async Task Add(int amount)
    {
        State.Value += amount;
        await WriteStateAsync();
    }

    public Task<int> GetValue() => Task.FromResult(State.Value);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

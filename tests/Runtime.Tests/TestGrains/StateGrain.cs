namespace Crawler.Runtime.Tests.TestGrains;

public sealed class StateGrain(TestProbe probe) : Grain<StateGrainState>, IStateGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment($"state-activated:{GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        probe.Signal($"state-deactivated:{key}:{probe.Increment($"state-deactivated:{key}")}").TrySetResult();
        return Task.CompletedTask;
    }

    public async Task Add(int amount)
    {
        State.Value += amount;
        await WriteStateAsync();
    }

    public Task<int> GetValue() => Task.FromResult(State.Value);

    public async Task AddSendAndFail(int amount, string inbox)
    {
        State.Value += amount;
        await WriteStateAsync();
        await GrainFactory.GetGrain<IInboxGrain>(inbox).Deliver($"from-failed-turn:{amount}");
        throw new InvalidOperationException("The turn fails after changing state and sending a message.");
    }

    public async Task AddAndFailWhenSignalled(int amount, string gate)
    {
        probe.Signal($"state-turn-started:{GetPrimaryKeyString()}").TrySetResult();
        await probe.Signal(gate).Task;
        State.Value += amount;
        await WriteStateAsync();
        throw new InvalidOperationException("The turn fails after changing state.");
    }

    public Task<string> Where() => Task.FromResult(SiloId);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

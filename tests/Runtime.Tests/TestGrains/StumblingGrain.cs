namespace Crawler.Runtime.Tests.TestGrains;

public sealed class StumblingGrain(TestProbe probe) : Grain<StateGrainState>, IStumblingGrain
{
    public async Task Handle(string message, int failures)
    {
        var key = GetPrimaryKeyString();
        State.Value++;
        if (probe.Increment($"stumbling-attempts:{key}") <= failures)
        {
            // The state changed in memory first: the retry must not see it.
            throw new InvalidOperationException($"Attempt of {message} fails on purpose.");
        }

        probe.Record($"stumbling:{key}", $"{message}@{State.Value}");
        await WriteStateAsync();
    }

    /// <summary>Records "{message}@{attempts}" under "stumbling-dropped:{key}" and adds 100 to the state, which commits.</summary>
    public override async Task OnMessageDroppedAsync(DroppedMessage message, CancellationToken cancellationToken)
    {
        probe.Record($"stumbling-dropped:{GetPrimaryKeyString()}", $"{message.Arguments[0]}@{message.Attempts}");
        State.Value += 100;
        await WriteStateAsync();
    }
}

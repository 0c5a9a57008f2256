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
}

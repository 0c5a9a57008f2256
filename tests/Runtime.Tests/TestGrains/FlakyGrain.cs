namespace Crawler.Runtime.Tests.TestGrains;

public sealed class FlakyGrain(TestProbe probe) : Grain, IFlakyGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        if (probe.Increment($"flaky-activations:{key}") == 1)
        {
            probe.Signal($"flaky-activating:{key}").TrySetResult();
            await probe.Signal($"flaky-fail:{key}").Task;
            throw new InvalidOperationException("The first activation fails.");
        }
    }

    public Task<int> Ping() => Task.FromResult(1);

    public Task Record(int sequence)
    {
        probe.Record($"flaky:{GetPrimaryKeyString()}", sequence);
        return Task.CompletedTask;
    }
}

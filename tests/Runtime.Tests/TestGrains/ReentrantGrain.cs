namespace Crawler.Runtime.Tests.TestGrains;

[Reentrant]
public sealed class ReentrantGrain(TestProbe probe) : Grain, IReentrantGrain
{
    private readonly TaskCompletionSource<string> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allInside = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _executing;
    private int _inside;

    public async Task<string> WaitForRelease()
    {
        probe.Signal($"waiting:{GetPrimaryKeyString()}").TrySetResult();
        return await _release.Task;
    }

    public Task Release()
    {
        _release.TrySetResult("released");
        return Task.CompletedTask;
    }

    public Task Fail() => throw new InvalidOperationException("This turn fails.");

    public async Task<int> Interleave(int participants)
    {
        Execute();
        if (++_inside == participants)
        {
            _allInside.TrySetResult();
        }

        await _allInside.Task;
        for (var i = 0; i < 5; i++)
        {
            Execute();
            await Task.Yield();
        }

        Execute();
        return _inside;
    }

    /// <summary>A stretch of synchronous grain code; two of them at once means turns ran in parallel.</summary>
    private void Execute()
    {
        if (Interlocked.Increment(ref _executing) != 1)
        {
            probe.Violation($"{GrainId}: two turns executed in parallel");
        }

        Thread.SpinWait(2000);
        Interlocked.Decrement(ref _executing);
    }
}

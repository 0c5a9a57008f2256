using Crawler.Grains.Interfaces;

namespace Crawler.Grains.Hosts;

/// <summary>A caller in a host's line: granted once, and woken when only the clock holds it back.</summary>
internal sealed class HostWaiter(SlotRequest request)
{
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SlotRequest Request { get; } = request;

    public TaskCompletionSource<SlotGrant> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextWake()
    {
        if (_wake.Task.IsCompleted)
        {
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return _wake.Task;
    }

    public void Wake() => _wake.TrySetResult();
}

using Crawler.Grains.Interfaces;
using Crawler.Runtime;

namespace Crawler.Grains.Hosts;

/// <summary>
/// Hands out fetch slots for one host. Reentrant, so a caller waiting for a slot does not block the release
/// that frees it; its turns still never run in parallel.
/// </summary>
[Reentrant]
[GrainType("host")]
public sealed class HostGrain : Grain, IHostGrain
{
    private readonly LinkedList<(int Limit, TaskCompletionSource Granted)> _waiting = new();
    private int _inFlight;
    private long _fetches;

    public async Task AcquireFetchSlotAsync(int maxConcurrency, CancellationToken cancellationToken = default)
    {
        var limit = Math.Max(1, maxConcurrency);
        if (_inFlight < limit && _waiting.Count == 0)
        {
            _inFlight++;
            _fetches++;
            return;
        }

        var granted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = _waiting.AddLast((limit, granted));
        try
        {
            await granted.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (node.List is not null)
            {
                _waiting.Remove(node);
            }
            else
            {
                // Granted while being cancelled: give the slot back.
                await ReleaseFetchSlotAsync(CancellationToken.None);
            }

            throw;
        }
    }

    public Task ReleaseFetchSlotAsync(CancellationToken cancellationToken = default)
    {
        _inFlight = Math.Max(0, _inFlight - 1);
        GrantWaiting();
        return Task.CompletedTask;
    }

    public Task<HostStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new HostStatus(GetPrimaryKeyString(), _inFlight, _waiting.Count, _fetches));

    private void GrantWaiting()
    {
        // First come, first served; a waiter whose own limit is still full lets those behind it go first.
        var node = _waiting.First;
        while (node is not null)
        {
            var next = node.Next;
            if (_inFlight < node.Value.Limit)
            {
                _waiting.Remove(node);
                _inFlight++;
                _fetches++;
                node.Value.Granted.TrySetResult();
            }

            node = next;
        }
    }
}

using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Runtime;

namespace Crawler.Grains.Hosts;

/// <summary>
/// Hands out fetch slots for one host, first come first served: at most the caller's concurrency in flight,
/// and request starts at least the delay apart (its job's minimum, the adaptive delay, a Retry-After pause).
/// Reentrant, so a caller waiting for a slot does not block the release that frees it; its turns still never
/// run in parallel, so the state below needs no locks.
/// </summary>
[Reentrant]
[GrainType("host")]
public sealed class HostGrain(PageFetcher fetcher, CrawlerOptions options) : Grain, IHostGrain
{
    private readonly LinkedList<HostWaiter> _waiting = new();
    private HostRobots? _robots;
    private readonly HostPoliteness _politeness = new();
    private int _inFlight;
    private long _fetches;
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public async Task<SlotGrant> AcquireFetchSlotAsync(SlotRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RespectRobots)
        {
            _robots ??= new HostRobots(GetPrimaryKeyString(), fetcher, options.UserAgent, TimeProvider);
            if (await _robots.RefusalForAsync(request.PathAndQuery, cancellationToken) is { } refusal)
            {
                return SlotGrant.Refused(refusal, TimeProvider.GetUtcNow());
            }
        }

        var waiter = new HostWaiter(request);
        var node = _waiting.AddLast(waiter);
        try
        {
            while (true)
            {
                var wake = waiter.NextWake();
                Grant(waiter);
                if (waiter.Granted.Task.IsCompleted)
                {
                    return new SlotGrant(true, await waiter.Granted.Task, null);
                }

                if (ReferenceEquals(_waiting.First, node) && _inFlight < request.MaxConcurrency)
                {
                    // Only the clock holds the head of the line back, and nobody else would wake it when the delay
                    // ends, so it waits the delay out itself. If the delay ended since Grant looked, go round now.
                    var wait = _notBefore - TimeProvider.GetUtcNow();
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.WhenAny(waiter.Granted.Task, wake, Task.Delay(wait, TimeProvider, cancellationToken));
                    }
                }
                else
                {
                    await Task.WhenAny(waiter.Granted.Task, wake).WaitAsync(cancellationToken);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException)
        {
            if (node.List is not null)
            {
                _waiting.Remove(node);
                Grant(null);
            }
            else
            {
                // Granted while being cancelled: give the slot back.
                Release(FetchOutcome.NotFetched);
            }

            throw;
        }
    }

    public Task ReleaseFetchSlotAsync(FetchOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Release(outcome);
        return Task.CompletedTask;
    }

    public Task<HostStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new HostStatus
        {
            Host = GetPrimaryKeyString(),
            InFlight = _inFlight,
            Waiting = _waiting.Count,
            Fetches = _fetches,
            Errors = _politeness.Errors,
            AdaptiveDelay = _politeness.AdaptiveDelay,
            NotBefore = _notBefore,
            RobotsStatus = _robots?.Status ?? "not fetched",
        });

    private void Release(FetchOutcome outcome)
    {
        _inFlight = Math.Max(0, _inFlight - 1);
        if (!ReferenceEquals(outcome, FetchOutcome.NotFetched))
        {
            _politeness.Record(outcome);
        }

        if (outcome.RetryAfter is { } retryAfter)
        {
            var pause = retryAfter > HostPoliteness.MaxRetryAfter ? HostPoliteness.MaxRetryAfter : retryAfter;
            var until = TimeProvider.GetUtcNow() + pause;
            _notBefore = until > _notBefore ? until : _notBefore;
        }

        Grant(null);
    }

    /// <summary>
    /// Grants the head of the line while it fits; wakes it when only the clock holds it back, unless the head is
    /// the caller itself, which is about to wait out the delay anyway.
    /// </summary>
    private void Grant(HostWaiter? caller)
    {
        while (_waiting.First is { } head)
        {
            var waiter = head.Value;
            if (_inFlight >= waiter.Request.MaxConcurrency)
            {
                return;
            }

            var now = TimeProvider.GetUtcNow();
            if (now < _notBefore)
            {
                if (!ReferenceEquals(waiter, caller))
                {
                    waiter.Wake();
                }

                return;
            }

            _waiting.RemoveFirst();
            _inFlight++;
            _fetches++;
            var delay = _politeness.DelayFor(waiter.Request);
            if (waiter.Request.RespectRobots && _robots is { } robots && robots.CrawlDelay > delay)
            {
                delay = robots.CrawlDelay;
            }

            _notBefore = now + delay;
            waiter.Granted.TrySetResult(now);
        }
    }
}

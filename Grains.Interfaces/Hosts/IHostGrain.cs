using Crawler.Runtime;

namespace Crawler.Grains.Interfaces;

/// <summary>
/// One host (scheme://host:port), shared by every job: it hands out fetch slots so the host never sees more
/// than its concurrency, nor two request starts closer than its delay. It lives in the same partition as its URLs.
/// </summary>
public interface IHostGrain : IGrainWithStringKey
{
    /// <summary>Waits for a slot, first come first served; returns when it was granted, by the host's clock.</summary>
    Task<DateTimeOffset> AcquireFetchSlotAsync(SlotRequest request, CancellationToken cancellationToken = default);

    Task ReleaseFetchSlotAsync(FetchOutcome outcome, CancellationToken cancellationToken = default);

    Task<HostStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}

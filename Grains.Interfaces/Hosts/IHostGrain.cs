using Crawler.Runtime;

namespace Crawler.Grains.Interfaces;

/// <summary>
/// One host (scheme://host:port), shared by every job: it hands out fetch slots so the host never sees more
/// than its concurrency, nor two request starts closer than its delay. It lives in the same partition as its URLs.
/// </summary>
public interface IHostGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks robots.txt (fetched once per host and cached), then waits for a slot, first come first served.
    /// A refused request holds no slot and must not be released.
    /// </summary>
    Task<SlotGrant> AcquireFetchSlotAsync(SlotRequest request, CancellationToken cancellationToken = default);

    Task ReleaseFetchSlotAsync(FetchOutcome outcome, CancellationToken cancellationToken = default);

    Task<HostStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}

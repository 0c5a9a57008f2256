using Crawler.Runtime;

namespace Crawler.Grains.Interfaces;

/// <summary>
/// One host (scheme://host:port), shared by every job: it hands out fetch slots so the host never sees more
/// than its concurrency. It lives in the same partition as its URLs.
/// </summary>
public interface IHostGrain : IGrainWithStringKey
{
    /// <summary>Waits for a slot: granted while fewer than <paramref name="maxConcurrency"/> fetches run on the host.</summary>
    Task AcquireFetchSlotAsync(int maxConcurrency, CancellationToken cancellationToken = default);

    Task ReleaseFetchSlotAsync(CancellationToken cancellationToken = default);

    Task<HostStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}

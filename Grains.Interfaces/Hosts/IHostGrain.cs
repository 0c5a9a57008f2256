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

    /// <summary>
    /// Gives back the slot numbered <paramref name="slot"/> (<see cref="SlotGrant.Slot"/>) and tells how the fetch went.
    /// Releasing a slot the host already took back, or never granted, frees nothing; the outcome still counts.
    /// </summary>
    Task ReleaseFetchSlotAsync(long slot, FetchOutcome outcome, CancellationToken cancellationToken = default);

    Task<HostStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a new URL of a job against the job's cap on URLs per host (a spider-trap guard): true while the host has
    /// taken fewer than <paramref name="maxUrls"/> of the job's URLs. Called by the URL's grain, which lives on the
    /// same silo, so the call is local.
    /// </summary>
    Task<bool> TryAdmitUrlAsync(string jobId, long maxUrls, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads this host's sitemaps for a job (the <c>Sitemap:</c> lines of robots.txt, else <c>/sitemap.xml</c>), sends
    /// their in-scope URLs to the job's URL grains as seeds, and reports them to the job with the host marked done.
    /// </summary>
    [OneWay]
    Task DiscoverSitemapsAsync(string jobId, CancellationToken cancellationToken = default);
}

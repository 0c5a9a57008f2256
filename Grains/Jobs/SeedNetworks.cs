using System.Net;
using System.Net.Sockets;
using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;

namespace Crawler.Grains.Jobs;

/// <summary>
/// The seed rule of network safety: a job reaches public addresses, plus the kinds of non-public address its own seeds
/// are on, so a crawl of one's loopback or LAN site works while a public page cannot point the crawler into the silo's
/// network. Link-local, cloud-metadata, multicast and reserved addresses are never granted by a seed; only
/// <see cref="CrawlJobSpec.AllowPrivateNetworks"/> opens them.
/// </summary>
public static class SeedNetworks
{
    /// <summary>Resolves a host name to its addresses (DNS in production, a table in tests).</summary>
    public delegate Task<IPAddress[]> Resolver(string host, CancellationToken cancellationToken);

    /// <summary>The kinds a seed on such an address grants to its job.</summary>
    public static bool IsGrantable(AddressKind kind) =>
        kind is AddressKind.Loopback or AddressKind.Private or AddressKind.SharedAddressSpace or AddressKind.Unspecified;

    /// <summary>The policy of a job whose seeds' names are not resolved: only seeds written as IP literals count.</summary>
    public static FetchPolicy PolicyFromLiterals(CrawlJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.AllowPrivateNetworks)
        {
            return FetchPolicy.PrivateNetworksAllowed;
        }

        var kinds = new HashSet<AddressKind>();
        foreach (var host in SeedHosts(spec))
        {
            if (IPAddress.TryParse(host, out var literal))
            {
                AddGrantable(kinds, [literal]);
            }
        }

        return FetchPolicy.Allowing(kinds);
    }

    /// <summary>
    /// The policy of a job: each seed host is judged by its literal IP, or by every address its name resolves to
    /// within <paramref name="timeout"/> (a name that does not resolve grants nothing; its fetch fails on its own).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<FetchPolicy> PolicyForAsync(CrawlJobSpec spec, Resolver resolve, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(resolve);
        if (spec.AllowPrivateNetworks)
        {
            return FetchPolicy.PrivateNetworksAllowed;
        }

        var kinds = new HashSet<AddressKind>();
        foreach (var host in SeedHosts(spec))
        {
            if (IPAddress.TryParse(host, out var literal))
            {
                AddGrantable(kinds, [literal]);
                continue;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                AddGrantable(kinds, await resolve(host, deadline.Token).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is SocketException or ArgumentException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Unresolvable or too slow: the seed grants nothing, and its own fetch reports the DNS failure.
            }
        }

        return FetchPolicy.Allowing(kinds);
    }

    private static IEnumerable<string> SeedHosts(CrawlJobSpec spec) =>
        spec.Seeds
            .Select(seed => Uri.TryCreate(seed, UriKind.Absolute, out var uri) ? uri.IdnHost.TrimStart('[').TrimEnd(']') : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private static void AddGrantable(HashSet<AddressKind> kinds, IEnumerable<IPAddress> addresses)
    {
        foreach (var address in addresses)
        {
            var kind = AddressClassifier.Classify(address);
            if (IsGrantable(kind))
            {
                kinds.Add(kind);
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Runtime;

namespace Crawler.Grains.Jobs;

/// <summary>
/// One compiled job per job id on each silo, so regexes compile and seed host names resolve once, not once per page.
/// A job's spec never changes after it starts, so the id is the whole key.
/// </summary>
public sealed class CompiledJobCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CompiledJob>>> _jobs = new(StringComparer.Ordinal);
    private readonly SeedNetworks.Resolver _resolve;
    private readonly TimeSpan _resolveTimeout;

    /// <summary>Resolves seed host names with DNS, each within the connect timeout.</summary>
    public CompiledJobCache(CrawlerOptions options)
        : this(Dns.GetHostAddressesAsync, (options ?? throw new ArgumentNullException(nameof(options))).ConnectTimeout)
    {
    }

    internal CompiledJobCache(SeedNetworks.Resolver resolve, TimeSpan resolveTimeout)
    {
        _resolve = resolve;
        _resolveTimeout = resolveTimeout;
    }

    /// <summary>The job compiled on this silo, reading its spec from the job's grain the first time; null for a job never started.</summary>
    public async Task<CompiledJob?> GetAsync(string jobId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (_jobs.TryGetValue(jobId, out var cached))
        {
            return await cached.Value.WaitAsync(cancellationToken);
        }

        var spec = await grains.GetGrain<ICrawlJobGrain>(jobId).GetSpecAsync(cancellationToken);
        return spec is null ? null : await ForAsync(jobId, spec, cancellationToken);
    }

    /// <summary>The job compiled from its spec, resolving its seeds' host names once per silo.</summary>
    public Task<CompiledJob> ForAsync(string jobId, CrawlJobSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var entry = _jobs.GetOrAdd(jobId, static (_, state) => new Lazy<Task<CompiledJob>>(() => state.Cache.CompileAsync(state.Spec)), (Cache: this, Spec: spec));
        return entry.Value.WaitAsync(cancellationToken);
    }

    private async Task<CompiledJob> CompileAsync(CrawlJobSpec spec)
    {
        // Shared by every caller on this silo, so no caller's token may cancel it; the resolve timeout bounds it.
        var policy = await SeedNetworks.PolicyForAsync(spec, _resolve, _resolveTimeout, CancellationToken.None);
        return new CompiledJob(spec, policy);
    }
}

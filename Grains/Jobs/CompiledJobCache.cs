using System.Collections.Concurrent;
using Crawler.Grains.Interfaces;

namespace Crawler.Grains.Jobs;

/// <summary>
/// One compiled job per job id on each silo, so regexes compile once, not once per page. A job's spec never
/// changes after it starts, so the id is the whole key.
/// </summary>
public sealed class CompiledJobCache
{
    private readonly ConcurrentDictionary<string, CompiledJob> _jobs = new(StringComparer.Ordinal);

    public CompiledJob? TryGet(string jobId) => _jobs.GetValueOrDefault(jobId);

    public CompiledJob For(string jobId, CrawlJobSpec spec) =>
        _jobs.GetOrAdd(jobId, static (_, s) => new CompiledJob(s), spec);
}

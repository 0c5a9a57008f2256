using System.Collections.Concurrent;
using System.Text.Json;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;
using Crawler.Runtime;
using Crawler.Runtime.Diagnostics;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Substrate;
using Crawler.Silo.Logging;
using Microsoft.Extensions.Options;
using SiloHost = Crawler.Runtime.Hosting.Silo;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// What the dashboard's API answers, for the whole cluster: every silo of the membership table asked for its
/// snapshot (this one directly, the others over HTTP with a short deadline), jobs through the job grains, a grain's
/// committed state from the substrate, and this silo's log tail. The cluster view is reused for a second, so the
/// page's several panels polling together cost one round of peer calls.
/// </summary>
internal sealed class DashboardService(
    SiloHost silo,
    ISubstrate substrate,
    SiloOptions siloOptions,
    LocalSnapshotSource local,
    DashboardPeers peers,
    CrawlJobClient jobs,
    TimeProvider time,
    IOptions<DashboardOptions> options,
    LogRing? logs = null) : IDisposable
{
    private const string JobGrainType = "job";
    private const int ErrorsScanned = 500;
    private const int ErrorsShown = 20;
    private static readonly TimeSpan ClusterReuse = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _knownJobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _clusterGate = new(1, 1);
    private ClusterSnapshot? _cluster;
    private long _clusterTakenAt;

    public async Task<ClusterSnapshot> ClusterAsync(CancellationToken cancellationToken)
    {
        await _clusterGate.WaitAsync(cancellationToken);
        try
        {
            if (_cluster is not null && time.GetElapsedTime(_clusterTakenAt) < ClusterReuse)
            {
                return _cluster;
            }

            _cluster = await TakeClusterAsync(cancellationToken);
            _clusterTakenAt = time.GetTimestamp();
            return _cluster;
        }
        finally
        {
            _clusterGate.Release();
        }
    }

    /// <summary>The jobs the dashboard knows: those whose grain is active on a silo now, and those seen since this silo started.</summary>
    public async Task<IReadOnlyList<JobView>> JobsAsync(CancellationToken cancellationToken)
    {
        // The cluster view remembers the jobs whose grains are active on any silo.
        _ = await ClusterAsync(cancellationToken);
        var ids = _knownJobs.OrderByDescending(j => j.Value).Select(j => j.Key).Take(options.Value.MaxJobs).ToList();
        var statuses = await Task.WhenAll(ids.Select(id => jobs.GetStatusAsync(id, cancellationToken)));
        var now = time.GetUtcNow();
        return [.. statuses.Where(s => s.State != JobState.Unknown)
            .Select(s => ViewOf(s, now, []))
            .OrderBy(j => j.Status.IsFinished)
            .ThenByDescending(j => j.Status.StartedAt)];
    }

    /// <summary>One job with its latest errors; null when there is no such job.</summary>
    public async Task<JobView?> JobAsync(string jobId, CancellationToken cancellationToken)
    {
        var status = await jobs.GetStatusAsync(jobId, cancellationToken);
        if (status.State == JobState.Unknown)
        {
            return null;
        }

        Remember(jobId);
        var from = Math.Max(0, status.Done - ErrorsScanned);
        var results = await jobs.ReadResultsAsync(jobId, from, ErrorsScanned, cancellationToken);
        var errors = results
            .Where(r => r.Error is not null || r.Status is null or >= 400)
            .TakeLast(ErrorsShown)
            .Reverse()
            .Select(r => new JobError(r.Url, r.Status, r.Error, r.FetchedAt))
            .ToList();
        return ViewOf(status, time.GetUtcNow(), errors);
    }

    public async Task<JobStatus> CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        Remember(jobId);
        return await jobs.CancelAsync(jobId, cancellationToken);
    }

    /// <summary>Where a grain lives and its committed state; null when the grain type is unknown.</summary>
    public async Task<GrainLookup?> LookUpAsync(string type, string key, CancellationToken cancellationToken)
    {
        var info = SiloInspector.GrainTypes(silo).FirstOrDefault(t =>
            string.Equals(t.Name, type, StringComparison.OrdinalIgnoreCase) || string.Equals(t.GrainClass.Name, type, StringComparison.OrdinalIgnoreCase));
        if (info is null)
        {
            return null;
        }

        var grain = new GrainId(info.Name, key);
        var partition = SiloInspector.PartitionOf(silo, grain);
        var now = time.GetUtcNow();
        var lease = (await substrate.ListLeasesAsync(cancellationToken)).FirstOrDefault(l => l.Partition == partition);
        var owner = lease is null || lease.IsFree(now) ? null : lease.Owner;
        bool? active = false;
        if (owner == silo.SiloId)
        {
            active = SiloInspector.IsActive(silo, grain);
        }
        else if (owner is not null)
        {
            var address = (await substrate.ListSilosAsync(cancellationToken)).FirstOrDefault(s => s.SiloId == owner)?.Address;
            active = await PeerActiveAsync(address, grain, cancellationToken);
        }

        var state = await substrate.ReadStateAsync(grain, cancellationToken);
        if (info.Name == JobGrainType)
        {
            Remember(key);
        }

        var json = Json(state);
        return new GrainLookup(info.Name, key, partition, owner, active, state is not null, json, state is not null && json is null ? Convert.ToBase64String(state) : null);
    }

    public IReadOnlyList<string> GrainTypes() => [.. SiloInspector.GrainTypes(silo).Select(t => t.Name).Order(StringComparer.Ordinal)];

    public IReadOnlyList<LogEntry> Logs(long after, int max) => logs?.After(after, max) ?? [];

    public void Dispose() => _clusterGate.Dispose();

    private async Task<bool?> PeerActiveAsync(string? address, GrainId grain, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        try
        {
            return await peers.IsActiveAsync(address, grain.Type, grain.Key, options.Value.PeerTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return null;
        }
    }

    private async Task<ClusterSnapshot> TakeClusterAsync(CancellationToken cancellationToken)
    {
        var records = (await substrate.ListSilosAsync(cancellationToken)).ToList();
        var now = time.GetUtcNow();
        if (records.All(r => r.SiloId != silo.SiloId))
        {
            records.Add(new SiloRecord(silo.SiloId, silo.Address, silo.Status, now, now, silo.ActivationCount));
        }

        var entries = await Task.WhenAll(records.Select(record => EntryAsync(record, now, cancellationToken)));
        var up = entries.Where(e => e.Snapshot is not null).Select(e => e.Snapshot!).ToList();
        foreach (var job in up.SelectMany(s => s.Jobs))
        {
            Remember(job);
        }

        var methods = up.SelectMany(s => s.Methods)
            .GroupBy(m => m.Method, StringComparer.Ordinal)
            .Select(g => Sum(g.Key, [.. g]))
            .OrderBy(m => m.Method, StringComparer.Ordinal)
            .ToList();
        var all = Sum("", methods);
        var byType = up.SelectMany(s => s.ActivationsByType)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
        var totals = new ClusterTotals(
            up.Count,
            entries.Count(e => e.State == "dead"),
            entries.Count(e => e.State == "unreachable"),
            up.Sum(s => s.Activations),
            byType,
            up.Sum(s => s.PagesPerSecond),
            up.Sum(s => s.ErrorsPerSecond),
            up.Sum(s => s.TurnsPerSecond),
            all.P50Ms,
            all.P95Ms,
            all.P99Ms,
            methods);
        var hosts = up.SelectMany(s => s.Hosts).OrderByDescending(h => h.Waiting + h.InFlight).ThenBy(h => h.Host, StringComparer.Ordinal).ToList();
        var jobIds = _knownJobs.OrderByDescending(j => j.Value).Select(j => j.Key).Take(options.Value.MaxJobs).ToList();
        return new ClusterSnapshot(silo.SiloId, now, [.. entries.OrderBy(e => e.SiloId, StringComparer.Ordinal)], totals, hosts, jobIds);
    }

    private async Task<SiloEntry> EntryAsync(SiloRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SiloEntry Entry(string state, string? error, SiloSnapshot? snapshot) =>
            new(record.SiloId, record.Address, record.Status.ToString(), record.StartedAt, record.Heartbeat, state, error, snapshot);

        if (record.SiloId == silo.SiloId)
        {
            return Entry("up", null, local.Take());
        }

        if (record.Status == SiloStatus.Dead)
        {
            return Entry("dead", null, null);
        }

        if (record.Heartbeat + siloOptions.LeaseDuration <= now)
        {
            return Entry("dead", $"no heartbeat since {record.Heartbeat:O}", null);
        }

        if (string.IsNullOrEmpty(record.Address))
        {
            return Entry("unreachable", "no address published yet", null);
        }

        try
        {
            var snapshot = await peers.SnapshotAsync(record.Address, options.Value.PeerTimeout, cancellationToken);
            return snapshot is null
                ? Entry("unreachable", "an empty answer", null)
                : Entry(record.Status == SiloStatus.ShuttingDown ? "leaving" : "up", null, snapshot);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return Entry("unreachable", ex.Message, null);
        }
    }

    private void Remember(string jobId)
    {
        _knownJobs[jobId] = time.GetUtcNow();
        if (_knownJobs.Count > options.Value.MaxJobs * 4)
        {
            foreach (var old in _knownJobs.OrderBy(j => j.Value).Take(_knownJobs.Count - options.Value.MaxJobs).ToList())
            {
                _knownJobs.TryRemove(old.Key, out _);
            }
        }
    }

    private static MethodView Sum(string method, List<MethodView> views)
    {
        var length = views.Count == 0 ? 0 : views.Max(v => v.LatencyCounts.Length);
        var counts = new long[length];
        foreach (var view in views)
        {
            for (var i = 0; i < view.LatencyCounts.Length; i++)
            {
                counts[i] += view.LatencyCounts[i];
            }
        }

        return new MethodView(
            method,
            views.Sum(v => v.Calls),
            views.Sum(v => v.CallsPerSecond),
            views.Sum(v => v.Exceptions),
            LatencyHistogram.PercentileMs(counts, 0.50),
            LatencyHistogram.PercentileMs(counts, 0.95),
            LatencyHistogram.PercentileMs(counts, 0.99),
            counts);
    }

    private static JobView ViewOf(JobStatus status, DateTimeOffset now, IReadOnlyList<JobError> errors)
    {
        var seconds = status.StartedAt is { } started ? ((status.FinishedAt ?? now) - started).TotalSeconds : 0;
        var rate = seconds > 0 ? status.Done / seconds : 0;
        double? eta = status.IsFinished ? 0 : rate > 0 ? (status.Queued + status.InFlight) / rate : null;
        return new JobView(status, Math.Round(rate, 2), eta is null ? null : Math.Round(eta.Value, 1), errors);
    }

    private static JsonElement? Json(byte[]? state)
    {
        if (state is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(state);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

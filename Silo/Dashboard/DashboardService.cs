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
/// committed state from the substrate, and every live silo's log tail. The cluster view is reused for a second, so
/// the page's several panels polling together cost one round of peer calls.
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
    /// <summary>Log lines in one answer, to the page and from each peer.</summary>
    public const int MaxLogLines = 200;

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

    /// <summary>This silo's log lines a reader at <paramref name="after"/> of <paramref name="instance"/> has not seen (see <see cref="LogRing.Read"/>).</summary>
    public LogSlice LocalLogs(string? instance, long after, int max) => logs?.Read(instance, after, max) ?? new LogSlice("", []);

    /// <summary>
    /// The log lines of every live silo a reader at <paramref name="cursor"/> has not seen, merged by time and tagged
    /// with their silo: this silo's from its ring, the others' from their <see cref="DashboardPeers.LogPath"/>, each
    /// within the peer deadline. A silo that does not answer is missing from this answer and named in
    /// <see cref="LogTail.Unanswered"/>; its position is kept, so its lines come in a later one. A silo whose ring
    /// is another instance than the cursor's (it restarted) is read from its oldest kept line. Past
    /// <paramref name="max"/> new lines, the oldest are skipped, as each ring does.
    /// </summary>
    public async Task<LogTail> LogsAsync(LogCursor cursor, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var records = await substrate.ListSilosAsync(cancellationToken);
        var now = time.GetUtcNow();
        var peerReads = records
            .Where(r => r.SiloId != silo.SiloId && r.Status != SiloStatus.Dead && r.Heartbeat + siloOptions.LeaseDuration > now)
            .Select(r => PeerLogsAsync(r, cursor.PositionOf(r.SiloId), max, cancellationToken));
        var position = cursor.PositionOf(silo.SiloId);
        var reads = (await Task.WhenAll(peerReads)).Append(new SiloLogRead(silo.SiloId, LocalLogs(position?.Instance, position?.Sequence ?? 0, max), null)).ToList();

        var positions = new Dictionary<string, LogPosition>(StringComparer.Ordinal);
        foreach (var read in reads)
        {
            var before = cursor.PositionOf(read.Silo);
            if (read.Slice is { } slice)
            {
                positions[read.Silo] = slice.Entries.Count > 0 ? new LogPosition(slice.Instance, slice.Entries[^1].Sequence)
                    : before?.Instance == slice.Instance ? before
                    : new LogPosition(slice.Instance, 0);
            }
            else if (before is not null)
            {
                positions[read.Silo] = before;
            }
        }

        var lines = reads
            .SelectMany(r => r.Slice?.Entries.Select(e => SiloLogLine.Of(r.Silo, e)) ?? [])
            .OrderBy(l => l.Timestamp)
            .ThenBy(l => l.Silo, StringComparer.Ordinal)
            .ThenBy(l => l.Sequence)
            .TakeLast(max)
            .ToList();
        var unanswered = reads.Where(r => r.Error is not null).ToDictionary(r => r.Silo, r => r.Error!, StringComparer.Ordinal);
        return new LogTail(lines, new LogCursor(positions).ToString(), unanswered);
    }

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

    private async Task<SiloLogRead> PeerLogsAsync(SiloRecord record, LogPosition? from, int max, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(record.Address))
        {
            return new SiloLogRead(record.SiloId, null, "no address published yet");
        }

        try
        {
            var slice = await peers.LogsAsync(record.Address, from, max, options.Value.PeerTimeout, cancellationToken);
            return slice?.Instance is null || slice.Entries is null
                ? new SiloLogRead(record.SiloId, null, "an answer without log lines")
                : new SiloLogRead(record.SiloId, slice, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return new SiloLogRead(record.SiloId, null, ex.Message);
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

    /// <summary>One silo's part of a log read: its lines, or why there are none this time.</summary>
    private sealed record SiloLogRead(string Silo, LogSlice? Slice, string? Error);
}

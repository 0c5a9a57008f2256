using Crawler.Grains.Hosts;
using Crawler.Grains.Jobs;
using Crawler.Runtime.Diagnostics;
using Crawler.Runtime.Placement;
using Microsoft.Extensions.Options;
using SiloHost = Crawler.Runtime.Hosting.Silo;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// Takes this silo's <see cref="SiloSnapshot"/>. Nothing runs until someone asks: rates are the change since the
/// previous snapshot, and a snapshot younger than <see cref="ReuseFor"/> is handed out again, so several viewers (or
/// peers) polling at once cost one snapshot. Host rows are read from the local host grains outside their turns.
/// </summary>
internal sealed class LocalSnapshotSource(SiloHost silo, PageCounter pageCounter, TimeProvider time, IOptions<DashboardOptions> options)
{
    /// <summary>A snapshot this recent is reused rather than taken again.</summary>
    public static readonly TimeSpan ReuseFor = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private Sample? _previous;
    private SiloSnapshot? _last;
    private long _lastTakenAt;

    public SiloSnapshot Take()
    {
        lock (_gate)
        {
            if (_last is not null && time.GetElapsedTime(_lastTakenAt) < ReuseFor)
            {
                return _last;
            }

            var now = time.GetTimestamp();
            var maxHosts = options.Value.MaxHosts;
            var hostGrains = new List<HostGrain>();
            var hostCount = 0;
            var jobs = new List<string>();
            var runtime = SiloInspector.Snapshot(silo, grain =>
            {
                switch (grain)
                {
                    case HostGrain host when hostCount++ < maxHosts:
                        hostGrains.Add(host);
                        break;
                    case CrawlJobGrain job when jobs.Count < options.Value.MaxJobs:
                        jobs.Add(job.GetPrimaryKeyString());
                        break;
                }
            }, VisitsType);
            var (pages, errors) = (pageCounter.Pages, pageCounter.Errors);
            var sample = new Sample(now, Environment.CpuUsage.TotalTime, pages, errors, runtime.Methods.ToDictionary(m => m.Method, m => m.Calls, StringComparer.Ordinal));
            var seconds = _previous is null ? 0 : time.GetElapsedTime(_previous.Timestamp, now).TotalSeconds;
            double Rate(double current, double before) => seconds > 0 ? Math.Max(0, current - before) / seconds : 0;

            var methods = runtime.Methods
                .Select(m => new MethodView(
                    m.Method,
                    m.Calls,
                    Rate(m.Calls, _previous?.Calls.GetValueOrDefault(m.Method) ?? m.Calls),
                    m.Exceptions,
                    m.P50Ms,
                    m.P95Ms,
                    m.P99Ms,
                    m.LatencyCounts))
                .ToList();
            var cpu = _previous is null || seconds <= 0
                ? 0
                : 100 * (sample.Cpu - _previous.Cpu).TotalSeconds / seconds / Environment.ProcessorCount;
            var hosts = Hosts(hostGrains);
            var snapshot = new SiloSnapshot
            {
                SiloId = runtime.SiloId,
                Status = runtime.Status.ToString(),
                Address = runtime.Address,
                TakenAt = time.GetUtcNow(),
                Partitions = runtime.Partitions,
                CpuPercent = Math.Round(Math.Clamp(cpu, 0, 100), 1),
                WorkingSetBytes = Environment.WorkingSet,
                GcHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
                Activations = runtime.ActivationsByType.Values.Sum(),
                ActivationsByType = runtime.ActivationsByType,
                QueuedWork = runtime.QueuedWork,
                CommitsRefused = runtime.CommitsRefused,
                PartitionsLost = runtime.PartitionsLost,
                TurnsPerSecond = methods.Sum(m => m.CallsPerSecond),
                Methods = methods,
                Pages = pages,
                Errors = errors,
                PagesPerSecond = Rate(pages, _previous?.Pages ?? pages),
                ErrorsPerSecond = Rate(errors, _previous?.Errors ?? errors),
                Hosts = hosts,
                HostsTruncated = hostCount > maxHosts,
                Jobs = [.. jobs.Order(StringComparer.Ordinal)],
            };
            _previous = sample;
            _last = snapshot;
            _lastTakenAt = now;
            return snapshot;
        }
    }

    /// <summary>Only host and job grains are read; the URL grains, nearly all of a crawl's activations, are only counted.</summary>
    private static bool VisitsType(GrainTypeInfo type) =>
        type.GrainClass.IsAssignableTo(typeof(HostGrain)) || type.GrainClass.IsAssignableTo(typeof(CrawlJobGrain));

    private IReadOnlyList<HostView> Hosts(List<HostGrain> grains) =>
        [.. grains
            .Select(grain => grain.Peek())
            .Select(status => new HostView(
                status.Host,
                silo.SiloId,
                status.InFlight,
                status.Waiting,
                status.Fetches,
                status.Errors,
                status.Fetches == 0 ? 0 : Math.Round((double)status.Errors / status.Fetches, 4),
                status.AdaptiveDelay.TotalMilliseconds,
                status.NotBefore,
                status.RobotsStatus,
                status.Circuit))
            .OrderByDescending(h => h.Waiting + h.InFlight)
            .ThenBy(h => h.Host, StringComparer.Ordinal)];

    private sealed record Sample(long Timestamp, TimeSpan Cpu, long Pages, long Errors, Dictionary<string, long> Calls);
}

using System.Globalization;
using Crawler.Grains.Crawl;
using Crawler.Grains.Jobs;
using Crawler.Runtime;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Substrate.Postgres;
using Crawler.Runtime.Transport;
using Crawler.Testing.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace Crawler.Cluster.Tests.Infrastructure;

/// <summary>
/// A cluster of silo processes on one PostgreSQL schema of its own, and the test's way in: a <see cref="ClusterClient"/>
/// (one-way calls through the substrate, requests over HTTP to the owning silo) with a job client on it, and the lease
/// and membership tables to look at. Disposing kills every silo still running, writes their last output to the test's
/// log, and drops the schema.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    public static readonly TimeSpan SiloStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private const string MailboxBacklogSql = """
        SELECT partition, count(*), string_agg(DISTINCT coalesce(delivered_epoch::text, 'none'), ' ')
        FROM mailbox GROUP BY partition ORDER BY partition
        """;

    private readonly List<SiloProcess> _silos = [];
    private readonly ITestOutputHelper _output;
    private readonly string _serverConnectionString;
    private readonly HttpSiloTransport _transport;
    private readonly bool _dropSchema;
    private readonly PartitionResolver _resolver;
    private readonly GrainTypeRegistry _registry;

    private SiloCluster(string serverConnectionString, ClusterSettings settings, ITestOutputHelper output, bool dropSchema)
    {
        _serverConnectionString = serverConnectionString;
        _output = output;
        _dropSchema = dropSchema;
        Settings = settings;
        Schema = $"crawler_c_{Guid.NewGuid():N}"[..20];
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { SearchPath = Schema, MaxPoolSize = settings.MaxPoolSize }.ConnectionString;
        var registry = new GrainTypeRegistry().AddAssembly(typeof(UrlGrain).Assembly);
        _registry = registry;
        _resolver = new PartitionResolver(registry, settings.Partitions);
        Substrate = new PostgresSubstrate(new PostgresSubstrateOptions { ConnectionString = ConnectionString, PartitionCount = settings.Partitions }, registry);
        _transport = new HttpSiloTransport(new SiloTransportOptions());
        Client = new ClusterClient(Substrate, registry, _transport, new SiloOptions
        {
            SiloId = "test-client",
            MembershipPeriod = settings.MembershipPeriod,
            ResponseTimeout = TimeSpan.FromSeconds(30),
        });
        Jobs = new CrawlJobClient(Client.GrainFactory, Substrate);
    }

    public ClusterSettings Settings { get; }

    public string Schema { get; }

    /// <summary>What every silo gets as <c>--postgres</c>: the server, with the cluster's schema as its search path.</summary>
    public string ConnectionString { get; }

    public PostgresSubstrate Substrate { get; }

    public ClusterClient Client { get; }

    public CrawlJobClient Jobs { get; }

    public HttpClient Http { get; } = new();

    public IReadOnlyList<SiloProcess> Silos => [.. _silos];

    /// <summary>Where the silos' whole output goes, one file each (the test's log gets their last lines).</summary>
    public string LogDirectory => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crawler-cluster-tests", Schema);

    /// <summary>A cluster on the shared test server (<c>CRAWLER_TEST_POSTGRES</c>); its schema is dropped at the end.</summary>
    public static SiloCluster OnTestServer(ClusterSettings settings, ITestOutputHelper output) =>
        new(PostgresTestEnvironment.RequireConnectionString(), settings, output, dropSchema: true);

    /// <summary>A cluster on a server of the test's own; the server goes away with its data.</summary>
    public static SiloCluster OnServer(string connectionString, ClusterSettings settings, ITestOutputHelper output) =>
        new(connectionString, settings, output, dropSchema: false);

    /// <summary>
    /// Starts a silo process and returns once it is active and has published its address. A silo id may be used again
    /// once its earlier process is gone (a restart): only a membership row the new process wrote counts.
    /// </summary>
    public async Task<SiloProcess> StartSiloAsync(string siloId)
    {
        // Whole seconds of slack for the row's own clock reading; an earlier process of this id started long before.
        var launched = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1);
        var silo = SiloProcess.Start(siloId, Settings.Arguments(siloId, ConnectionString), LogDirectory);
        _silos.Add(silo);
        await Polling.WaitUntilAsync(
            async () =>
            {
                if (silo.HasExited)
                {
                    throw new InvalidOperationException($"Silo {siloId} exited with code {silo.ExitCode}:\n{string.Join('\n', silo.Output.TakeLast(40))}");
                }

                var row = await FindSiloAsync(siloId);
                if (row is { Status: SiloStatus.Active, Address.Length: > 0 } && row.StartedAt >= launched)
                {
                    silo.Address = new Uri(row.Address);
                    return true;
                }

                return false;
            },
            SiloStartTimeout,
            PollInterval,
            $"silo {siloId} starts and publishes its address");
        return silo;
    }

    /// <summary>Starts these silos one after another and waits until they share the partitions evenly.</summary>
    public async Task StartBalancedAsync(params string[] siloIds)
    {
        foreach (var id in siloIds)
        {
            await StartSiloAsync(id);
        }

        await WaitUntilBalancedAsync(siloIds);
    }

    public async Task<SiloRecord?> FindSiloAsync(string siloId) =>
        (await Substrate.ListSilosAsync(CancellationToken.None)).SingleOrDefault(s => s.SiloId == siloId);

    public Task<IReadOnlyList<PartitionLease>> LeasesAsync() => Substrate.ListLeasesAsync(CancellationToken.None);

    /// <summary>The partition of the grain of <paramref name="grainInterface"/> with this key.</summary>
    public int PartitionOf(Type grainInterface, string key) => _resolver.PartitionOf(new GrainId(_registry.ForInterface(grainInterface).Name, key));

    /// <summary>The partitions each silo holds now, by the lease table (held and not expired).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<int>>> OwnersAsync()
    {
        var now = DateTimeOffset.UtcNow;
        return (await LeasesAsync()).Where(l => !l.IsFree(now))
            .GroupBy(l => l.Owner!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)[.. g.Select(l => l.Partition)], StringComparer.Ordinal);
    }

    /// <summary>Waits until exactly these silos hold every partition between them, an even share each.</summary>
    public Task WaitUntilBalancedAsync(params string[] siloIds) =>
        WaitUntilAsync(
            async () =>
            {
                var owners = await OwnersAsync();
                var share = Settings.Partitions / siloIds.Length;
                return owners.Keys.Order(StringComparer.Ordinal).SequenceEqual(siloIds.Order(StringComparer.Ordinal))
                    && owners.Values.Sum(p => p.Count) == Settings.Partitions
                    && owners.Values.All(p => p.Count == share || p.Count == share + 1);
            },
            TimeSpan.FromSeconds(60),
            $"{string.Join(", ", siloIds)} share the partitions evenly");

    /// <summary>The tables as the cluster leaves them, for the test's log: who held what, and what was still queued.</summary>
    private async Task WriteStateAsync()
    {
        try
        {
            var leases = await LeasesAsync();
            _output.WriteLine($"--- leases: {string.Join(", ", leases.Select(l => $"{l.Partition}={l.Owner ?? "-"}@{l.Epoch}"))}");
            var silos = await Substrate.ListSilosAsync(CancellationToken.None);
            _output.WriteLine($"--- silos: {string.Join(", ", silos.Select(s => $"{s.SiloId} {s.Status} {s.Address}"))}");
            await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
            await using var backlog = dataSource.CreateCommand(MailboxBacklogSql);
            await using var reader = await backlog.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add($"{reader.GetInt32(0)}: {reader.GetInt64(1)} messages, delivered at epochs {reader.GetString(2)}");
            }

            _output.WriteLine($"--- mailbox backlog: {(rows.Count == 0 ? "none" : string.Join("; ", rows))}");
            foreach (var silo in _silos.Where(s => !s.HasExited && s.Address is not null))
            {
                await WriteSiloDiagnosticsAsync(silo);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            _output.WriteLine($"--- the cluster's tables could not be read: {ex.Message}");
        }
    }

    /// <summary>Where a running silo's work waits (its pumps, window and busiest activations), for the test's log.</summary>
    private async Task WriteSiloDiagnosticsAsync(SiloProcess silo)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var status = await silo.StatusAsync(Http, timeout.Token);
            _output.WriteLine($"--- {silo.SiloId}: window free {status.GetProperty("windowFree")}");
            foreach (var name in (string[])["pumps", "busiest"])
            {
                foreach (var line in status.GetProperty(name).EnumerateArray())
                {
                    _output.WriteLine($"    {name}: {line.GetString()}");
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or KeyNotFoundException or InvalidOperationException)
        {
            _output.WriteLine($"--- {silo.SiloId}: no status ({ex.Message})");
        }
    }

    /// <summary>Waits for a condition on the cluster's tables or processes, checking every 100 ms.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because) =>
        Polling.WaitUntilAsync(condition, timeout, PollInterval, because);

    public async ValueTask DisposeAsync()
    {
        await WriteStateAsync();
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
            _output.WriteLine($"--- silo {silo.SiloId} (last {silo.Output.Count} lines; all in {silo.LogPath}) ---");
            foreach (var line in silo.Output)
            {
                _output.WriteLine(line);
            }
        }

        Http.Dispose();
        _transport.Dispose();
        await Substrate.DisposeAsync();
        if (_dropSchema)
        {
            await using var dataSource = NpgsqlDataSource.Create(_serverConnectionString);
            await using var drop = dataSource.CreateCommand(string.Format(CultureInfo.InvariantCulture, "DROP SCHEMA IF EXISTS \"{0}\" CASCADE", Schema));
            await drop.ExecuteNonQueryAsync();
        }
    }
}

using System.Text;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Substrate.Postgres;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.Infrastructure.Postgres;
using Crawler.Runtime.Tests.TestGrains;
using Crawler.Testing.Postgres;
using Npgsql;

namespace Crawler.Runtime.Tests.Substrate;

/// <summary>
/// What only the PostgreSQL substrate has to get right: migrations shared by silos that start together, a cluster
/// spread over several substrate instances (one per silo), concurrent appenders, stored type names, secrets.
/// </summary>
public sealed class PostgresSubstrateTests(PostgresSchemaFixture schemas) : IClassFixture<PostgresSchemaFixture>, IAsyncLifetime
{
    private const int Partitions = 8;
    private const string SchemaVersionsSql = "SELECT version FROM schema_version ORDER BY version";
    private const string ForgeRecordSql = """
        INSERT INTO streams (stream, seq, type_name, record)
        VALUES ('forged', 0, 'System.Diagnostics.Process, System.Diagnostics.Process', '{}')
        """;

    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly GrainMethod SendMethod = GrainMethod.For(typeof(ICounterGrain).GetMethod(nameof(ICounterGrain.Send))!);

    private readonly List<PostgresSubstrate> _substrates = [];

    [Fact]
    public void ConnectionDescription_ConnectionStringWithPassword_LeavesThePasswordOut()
    {
        var options = new PostgresSubstrateOptions
        {
            ConnectionString = "Host=db.example;Port=6543;Username=crawler;Password=s3cret-pw;Database=crawl",
            Schema = "cluster_a",
        };

        var description = new PostgresSubstrate(options, PostgresSchemaFixture.Registry).ConnectionDescription;

        Assert.DoesNotContain("s3cret-pw", description, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", description, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Host=db.example;Port=6543;Database=crawl;Username=crawler;Schema=cluster_a", description);
    }

    [Fact]
    public void Constructor_SchemaNameThatNeedsQuoting_IsRejected()
    {
        var options = new PostgresSubstrateOptions { ConnectionString = "Host=localhost", Schema = "x\"; DROP TABLE leases; --" };

        Assert.Throws<ArgumentException>(() => new PostgresSubstrate(options, PostgresSchemaFixture.Registry));
    }

    [PostgresFact]
    public async Task StartAsync_TwoSilosOnANewSchemaAtOnce_MigrateItOnceAndShareIt()
    {
        var schema = schemas.NewSchema();
        var a = Create(schema);
        var b = Create(schema);

        await Task.WhenAll(a.StartAsync(default), b.StartAsync(default));

        Assert.Equal([1], await QueryAsync<int>(schema, SchemaVersionsSql));
        var lease = await a.TryAcquireLeaseAsync(2, "a", T0, Lease, default);
        var seenByB = await b.ListLeasesAsync(default);
        Assert.Equal(Partitions, seenByB.Count);
        Assert.Equal(lease, seenByB[2]);
    }

    [PostgresFact]
    public async Task StartAsync_ExistingCluster_KeepsItsData()
    {
        var schema = schemas.NewSchema();
        var first = Create(schema);
        var lease = await first.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var grain = new GrainId("G", "k");
        await first.CommitAsync([new TurnCommit(0, lease!.Epoch, grain) { State = [5] }], T0, default);
        await first.DisposeAsync();

        var second = Create(schema);
        await second.StartAsync(default);

        Assert.Equal([5], await second.ReadStateAsync(grain, default));
        Assert.Equal(lease, (await second.ListLeasesAsync(default))[0]);
        Assert.Equal([1], await QueryAsync<int>(schema, SchemaVersionsSql));
    }

    [PostgresFact]
    public async Task StartAsync_ClusterWithAnotherPartitionCount_FailsWithTheReason()
    {
        var schema = schemas.NewSchema();
        await Create(schema, partitions: 8).StartAsync(default);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Create(schema, partitions: 16).StartAsync(default));

        Assert.Contains("has 8 partitions, not 16", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task WaitForMailbox_MessageStoredByAnotherSilo_Wakes()
    {
        var schema = schemas.NewSchema();
        var a = await StartAsync(schema);
        var b = await StartAsync(schema);
        var waiting = a.WaitForMailboxAsync(6, TimeSpan.FromMinutes(5), default);

        await b.EnqueueAsync([Message(6, 1)], default);

        await waiting.WaitAsync(Timeout);
    }

    [PostgresFact]
    public async Task WaitForMailbox_CommitSendsToThePartition_Wakes()
    {
        var schema = schemas.NewSchema();
        var a = await StartAsync(schema);
        var b = await StartAsync(schema);
        var lease = await b.TryAcquireLeaseAsync(0, "b", T0, Lease, default);
        var waiting = a.WaitForMailboxAsync(5, TimeSpan.FromMinutes(5), default);

        await b.CommitAsync([new TurnCommit(0, lease!.Epoch, new GrainId("G", "k")) { Outgoing = [Message(5, 1)] }], T0, default);

        await waiting.WaitAsync(Timeout);
    }

    [PostgresFact]
    public async Task Commit_TwoSilosAppendToOneStreamAtOnce_EveryRecordOnceAtDensePositions()
    {
        const int Turns = 20;
        var schema = schemas.NewSchema();
        var a = await StartAsync(schema);
        var b = await StartAsync(schema);
        var leaseA = await a.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var leaseB = await b.TryAcquireLeaseAsync(1, "b", T0, Lease, default);

        Task<IReadOnlySet<PartitionEpoch>> Append(PostgresSubstrate substrate, PartitionLease lease, int turn) =>
            substrate.CommitAsync(
                [new TurnCommit(lease.Partition, lease.Epoch, new GrainId("G", $"{lease.Owner}{turn}"))
                {
                    Appends = [.. Enumerable.Range(0, 3).Select(i => new StreamAppend("results", new WorkReport((turn * 3) + i, lease.Owner!)))],
                }],
                T0,
                default);

        var refused = await Task.WhenAll(Enumerable.Range(0, Turns).SelectMany(t => new[] { Append(a, leaseA!, t), Append(b, leaseB!, t) }));

        Assert.All(refused, Assert.Empty);
        var all = (await a.ReadStreamAsync("results", 0, int.MaxValue, default)).Cast<WorkReport>().ToList();
        Assert.Equal(Turns * 3 * 2, all.Count);
        Assert.Equal(Turns * 3 * 2, all.Distinct().Count());
        Assert.Equal(all.Skip(50).Take(10), (await b.ReadStreamAsync("results", 50, 10, default)).Cast<WorkReport>());

        // Turns commit in any order, but each turn's records sit together, in the order it appended them.
        for (var i = 0; i < all.Count; i += 3)
        {
            Assert.Equal(0, all[i].Id % 3);
            Assert.Equal([all[i], all[i] with { Id = all[i].Id + 1 }, all[i] with { Id = all[i].Id + 2 }], all.Skip(i).Take(3));
        }
    }

    [PostgresFact]
    public async Task ReadState_ManyGrainsAtOnce_EachGetsItsOwnStateOrNone()
    {
        var substrate = await StartAsync(schemas.NewSchema());
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var stored = Enumerable.Range(0, 200).Select(i => new GrainId(i % 2 == 0 ? "G" : "H", $"k{i}")).ToList();
        await substrate.CommitAsync([.. stored.Select(g => new TurnCommit(0, lease!.Epoch, g) { State = Encoding.UTF8.GetBytes($"state of {g}") })], T0, default);
        var missing = Enumerable.Range(0, 200).Select(i => new GrainId("G", $"none{i}")).ToList();

        // Concurrent reads, as activations make them: the batcher folds them into few queries.
        var reads = await Task.WhenAll(stored.Concat(missing).Concat(stored).Select(g => substrate.ReadStateAsync(g, default)));

        var expected = stored.Select(g => $"state of {g}").Concat(missing.Select(_ => (string?)null)).Concat(stored.Select(g => $"state of {g}"));
        Assert.Equal(expected, reads.Select(r => r is null ? null : Encoding.UTF8.GetString(r)));
    }

    [PostgresFact]
    public async Task ReadStream_RecordOfAGrainAssemblyType_ReadsBackAnEqualRecord()
    {
        var substrate = await StartAsync(schemas.NewSchema());
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);

        await substrate.CommitAsync([new TurnCommit(0, lease!.Epoch, new GrainId("G", "k")) { Appends = [new StreamAppend("s", new WorkReport(3, "silo-1"))] }], T0, default);

        Assert.Equal([new WorkReport(3, "silo-1")], await substrate.ReadStreamAsync("s", 0, 10, default));
    }

    [PostgresFact]
    public async Task Commit_StreamRecordOfAForeignType_IsRefusedBeforeAnythingIsWritten()
    {
        var substrate = await StartAsync(schemas.NewSchema());
        var lease = await substrate.TryAcquireLeaseAsync(0, "a", T0, Lease, default);
        var grain = new GrainId("G", "k");

        await Assert.ThrowsAsync<NotSupportedException>(() => substrate.CommitAsync(
            [new TurnCommit(0, lease!.Epoch, grain) { State = [1], Appends = [new StreamAppend("s", new List<WorkReport>())] }],
            T0,
            default));

        Assert.Null(await substrate.ReadStateAsync(grain, default));
        Assert.Empty(await substrate.ReadStreamAsync("s", 0, 10, default));
    }

    [PostgresFact]
    public async Task ReadStream_StoredRecordNamesATypeOutsideTheGrainAssemblies_IsNotInstantiated()
    {
        var schema = schemas.NewSchema();
        var substrate = await StartAsync(schema);
        await using (var dataSource = PostgresSchemaFixture.OpenSchema(schema))
        {
            await using var command = dataSource.CreateCommand(ForgeRecordSql);
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => substrate.ReadStreamAsync("forged", 0, 10, default));

        Assert.Contains("System.Diagnostics.Process", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task ReadMailbox_MethodWithARecordANullAndAToken_KeepsTheArguments()
    {
        var substrate = await StartAsync(schemas.NewSchema());
        var carry = GrainMethod.For(typeof(IPostgresCarrierGrain).GetMethod(nameof(IPostgresCarrierGrain.Carry))!);
        var sent = new Envelope(new GrainId(nameof(PostgresCarrierGrain), "c"), 4, carry, [new WorkReport(9, "s"), null, new CancellationToken(canceled: true)]);
        await substrate.EnqueueAsync([sent], default);
        var lease = await substrate.TryAcquireLeaseAsync(4, "a", T0, Lease, default);

        var read = Assert.Single(await substrate.ReadMailboxAsync(lease!, 10, default));

        Assert.Same(carry, read.Method);
        Assert.Equal(new WorkReport(9, "s"), read.Arguments[0]);
        Assert.Null(read.Arguments[1]);
        Assert.Equal(CancellationToken.None, read.Arguments[2]);
    }

    [PostgresFact]
    public async Task Silo_OverPostgres_RunsOneWayMessagesInSendOrderAndCommitsTheirEffects()
    {
        const int Messages = 40;
        var substrate = await StartAsync(schemas.NewSchema());
        var probe = new TestProbe();
        await using var silo = await SingleSilo.StartAsync(substrate, probe);
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("ordered");
        var worker = silo.GrainFactory.GetGrain<IWorkGrain>("worker");
        var carrier = silo.GrainFactory.GetGrain<IPostgresCarrierGrain>("carrier");

        for (var i = 0; i < Messages; i++)
        {
            await counter.Send(i);
            await worker.Process(i, gated: false);
        }

        await carrier.Carry(new WorkReport(7, "client"), "note");
        await Polling.WaitUntilAsync(
            async () => (await substrate.ReadStreamAsync(WorkGrain.Stream, 0, int.MaxValue, default)).Count >= Messages
                && probe.Records<int>("sends:ordered").Count >= Messages
                && probe.Records<WorkReport>("carried:carrier").Count >= 1,
            Timeout,
            "every message runs and commits");
        Assert.Equal(Enumerable.Range(0, Messages), probe.Records<int>("sends:ordered"));
        Assert.Equal(Enumerable.Range(0, Messages), (await substrate.ReadStreamAsync(WorkGrain.Stream, 0, int.MaxValue, default)).Cast<WorkReport>().Select(r => r.Id));
        Assert.Equal([new WorkReport(7, "client")], probe.Records<WorkReport>("carried:carrier"));
        Assert.Equal(["note"], probe.Records<string>("notes:carrier"));
    }

    [PostgresFact]
    public async Task TryAcquireLease_RowLockedByATransactionLeftIdle_SucceedsOnceTheServerEndsThatTransaction()
    {
        var options = new PostgresSubstrateOptions
        {
            ConnectionString = PostgresTestEnvironment.RequireConnectionString(),
            Schema = schemas.NewSchema(),
            PartitionCount = Partitions,
            StuckTransactionTimeout = TimeSpan.FromMilliseconds(500),
        };
        var substrate = new PostgresSubstrate(options, PostgresSchemaFixture.Registry);
        _substrates.Add(substrate);
        var held = await substrate.TryAcquireLeaseAsync(0, "paused", T0, Lease, default);

        // A silo frozen in the middle of a commit: its transaction holds the lease row and never says more.
        await using var frozen = NpgsqlDataSource.Create(options.EffectiveConnectionString());
        await using var connection = await frozen.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT epoch FROM leases WHERE partition = 0 FOR SHARE", connection, transaction))
        {
            await lockRow.ExecuteScalarAsync();
        }

        PartitionLease? taken = null;
        await Polling.WaitUntilAsync(
            async () =>
            {
                try
                {
                    taken = await substrate.TryAcquireLeaseAsync(0, "other", T0 + Lease, Lease, default).WaitAsync(Timeout);
                    return true;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
                {
                    // Waited as long as it may for the row; the server has not ended the frozen transaction yet.
                    return false;
                }
            },
            Timeout,
            "the partition is taken over from the frozen silo");

        Assert.Equal("other", taken!.Owner);
        Assert.Equal(held!.Epoch + 1, taken.Epoch);
    }

    [PostgresFact]
    public async Task Reads_ServerDroppedThePoolsConnections_AreAnsweredOnFreshOnes()
    {
        // Only this substrate's sessions are ended: other test runs share the server and its user.
        var application = $"crawler-t-{Guid.NewGuid():N}"[..24];
        var substrate = new PostgresSubstrate(
            new PostgresSubstrateOptions
            {
                ConnectionString = new NpgsqlConnectionStringBuilder(PostgresTestEnvironment.RequireConnectionString()) { ApplicationName = application }.ConnectionString,
                Schema = schemas.NewSchema(),
                PartitionCount = Partitions,
            },
            PostgresSchemaFixture.Registry);
        _substrates.Add(substrate);
        await substrate.StartAsync(default);
        Assert.Empty(await substrate.ReadStreamAsync("s", 0, 10, default));
        Assert.Equal(Partitions, (await substrate.ListLeasesAsync(default)).Count);

        // As a server restart does: every idle connection in the pools is dead, though the pools do not know yet.
        await using (var admin = NpgsqlDataSource.Create(PostgresTestEnvironment.RequireConnectionString()))
        {
            await using var terminate = admin.CreateCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1");
            terminate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = application });
            Assert.True((long)(await terminate.ExecuteScalarAsync())! >= 2);
        }

        Assert.Empty(await substrate.ReadStreamAsync("s", 0, 10, default));
        Assert.Equal(Partitions, (await substrate.ListLeasesAsync(default)).Count);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var substrate in _substrates)
        {
            await substrate.DisposeAsync();
        }
    }

    private PostgresSubstrate Create(string schema, int partitions = Partitions)
    {
        var substrate = PostgresSchemaFixture.CreateSubstrate(schema, partitions);
        _substrates.Add(substrate);
        return substrate;
    }

    private async Task<PostgresSubstrate> StartAsync(string schema)
    {
        var substrate = Create(schema);
        await substrate.StartAsync(default);
        return substrate;
    }

    private static async Task<List<T>> QueryAsync<T>(string schema, string sql)
    {
        await using var dataSource = PostgresSchemaFixture.OpenSchema(schema);
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }

        return rows;
    }

    private static Envelope Message(int partition, int id) =>
        new(new GrainId(nameof(CounterGrain), $"k{id}"), partition, SendMethod, [id]);
}

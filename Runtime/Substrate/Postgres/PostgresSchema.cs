using Npgsql;

namespace Crawler.Runtime.Substrate.Postgres;

/// <summary>
/// The substrate's tables, created and migrated at start. Each migration is a numbered constant applied once, in
/// order, recorded in <c>schema_version</c>; the whole run holds a transaction-scoped advisory lock, so silos that
/// start together migrate one after the other and the later ones find nothing to do.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Version 1: membership, leases, mailboxes, grain state, streams.</summary>
    public const string Migration1 = """
        CREATE TABLE cluster_settings (
            id              int PRIMARY KEY CHECK (id = 1),
            partition_count int NOT NULL CHECK (partition_count > 0)
        );

        CREATE TABLE silos (
            silo_id     text PRIMARY KEY,
            address     text NOT NULL,
            status      text NOT NULL,
            started_at  timestamptz NOT NULL,
            heartbeat   timestamptz NOT NULL,
            activations int NOT NULL
        );

        -- One row per partition, made when the cluster is first set up; a free lease has no owner.
        CREATE TABLE leases (
            partition  int PRIMARY KEY,
            owner      text NULL,
            epoch      bigint NOT NULL,
            expires_at timestamptz NOT NULL
        );

        -- Read by (partition, seq) and deleted when consumed; delivered_epoch is updated in place (HOT, not indexed).
        CREATE TABLE mailbox (
            partition       int NOT NULL,
            seq             bigint GENERATED ALWAYS AS IDENTITY,
            target_type     text NOT NULL,
            target_key      text NOT NULL,
            method_id       text NOT NULL,
            arguments       json NOT NULL,
            delivered_epoch bigint NULL,
            PRIMARY KEY (partition, seq)
        ) WITH (fillfactor = 80);

        CREATE TABLE grain_state (
            grain_type text NOT NULL,
            grain_key  text NOT NULL,
            state      bytea NOT NULL,
            PRIMARY KEY (grain_type, grain_key)
        );

        -- A stream's length; its row lock orders concurrent appends so positions are dense and visible in order.
        CREATE TABLE stream_heads (
            stream text PRIMARY KEY,
            length bigint NOT NULL
        );

        CREATE TABLE streams (
            stream    text NOT NULL,
            seq       bigint NOT NULL,
            type_name text NOT NULL,
            record    json NOT NULL,
            PRIMARY KEY (stream, seq)
        );
        """;

    /// <summary>Every migration, by the version it brings the schema to.</summary>
    public static readonly IReadOnlyList<(int Version, string Sql)> Migrations = [(1, Migration1)];

    public static int LatestVersion => Migrations[^1].Version;

    private const string SchemaExistsSql = "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema)";

    private const string LockSql = "SELECT pg_advisory_xact_lock(@key)";

    private const string VersionTableSql = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    int PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private const string CurrentVersionSql = "SELECT coalesce(max(version), 0) FROM schema_version";

    private const string RecordVersionSql = "INSERT INTO schema_version (version) VALUES (@version)";

    /// <summary>Records the partition count of a new cluster; returns the one the cluster has.</summary>
    private const string PartitionCountSql = """
        WITH inserted AS (
            INSERT INTO cluster_settings (id, partition_count) VALUES (1, @partition_count)
            ON CONFLICT (id) DO NOTHING
            RETURNING partition_count
        )
        SELECT partition_count FROM inserted
        UNION ALL
        SELECT partition_count FROM cluster_settings WHERE id = 1
        LIMIT 1
        """;

    private const string CreateLeasesSql = """
        INSERT INTO leases (partition, owner, epoch, expires_at)
        SELECT p, NULL, 0, '-infinity' FROM generate_series(0, @partition_count - 1) AS p
        ON CONFLICT (partition) DO NOTHING
        """;

    /// <summary>
    /// Creates the schema if needed, applies the migrations it lacks, and sets up the partitions (or checks that
    /// an existing cluster has the same number). Returns the schema version. One transaction.
    /// </summary>
    public static async Task<int> EnsureAsync(NpgsqlDataSource dataSource, string schema, int partitionCount, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var command = new NpgsqlCommand(LockSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long>("key", LockKey(schema)));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(SchemaExistsSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("schema", schema));
            if (!(bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                // The name is checked against [a-z_][a-z0-9_]* by the options, so quoting it is enough.
                await using var create = new NpgsqlCommand($"CREATE SCHEMA \"{schema}\"", connection, transaction);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(connection, transaction, VersionTableSql, cancellationToken).ConfigureAwait(false);
        int current;
        await using (var command = new NpgsqlCommand(CurrentVersionSql, connection, transaction))
        {
            current = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (current > LatestVersion)
        {
            throw new InvalidOperationException($"Schema '{schema}' is at version {current}, newer than this build knows ({LatestVersion}); upgrade the silo.");
        }

        foreach (var (version, sql) in Migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand(RecordVersionSql, connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int>("version", version));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(PartitionCountSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<int>("partition_count", partitionCount));
            var stored = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (stored != partitionCount)
            {
                throw new InvalidOperationException($"The cluster in schema '{schema}' has {stored} partitions, not {partitionCount}; the partition count cannot change.");
            }
        }

        await using (var command = new NpgsqlCommand(CreateLeasesSql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<int>("partition_count", partitionCount));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return LatestVersion;
    }

    /// <summary>The advisory lock of one schema's migrations: the same number in every process.</summary>
    private static long LockKey(string schema) => 0x4352_4157_0000_0000L | StableHash.Compute($"crawler-schema:{schema}");

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

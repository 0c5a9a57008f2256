using Crawler.Runtime.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Crawler.Runtime.Substrate.Postgres;

/// <summary>
/// The cluster substrate: membership, partition leases, durable mailboxes, grain state and streams in PostgreSQL,
/// where Orleans' ADO.NET providers keep theirs. Every operation is one statement or one transaction; leases are
/// checked against the time the caller passes, so every silo (and a test's fake clock) decides expiry the same
/// way. Pumps are woken by LISTEN/NOTIFY on one connection. The schema is created or migrated on first use
/// (or by <see cref="StartAsync"/>).
/// </summary>
public sealed partial class PostgresSubstrate : ISubstrate, IAsyncDisposable
{
    private const string UpsertSiloSql = """
        INSERT INTO silos (silo_id, address, status, started_at, heartbeat, activations)
        VALUES (@silo_id, @address, @status, @started_at, @heartbeat, @activations)
        ON CONFLICT (silo_id) DO UPDATE SET
            address = excluded.address,
            status = excluded.status,
            started_at = excluded.started_at,
            heartbeat = excluded.heartbeat,
            activations = excluded.activations
        """;

    private const string ListSilosSql = """
        SELECT silo_id, address, status, started_at, heartbeat, activations FROM silos ORDER BY silo_id
        """;

    private const string ReadStatesSql = """
        SELECT s.grain_type, s.grain_key, s.state
        FROM unnest(@grain_types, @grain_keys) AS r(grain_type, grain_key)
        JOIN grain_state AS s ON s.grain_type = r.grain_type AND s.grain_key = r.grain_key
        """;

    /// <summary>Grains whose state one query reads at most.</summary>
    private const int MaxStateReadBatch = 512;

    private const string ReadStreamSql = """
        SELECT type_name, record FROM streams
        WHERE stream = @stream AND seq >= @offset
        ORDER BY seq
        LIMIT @max
        """;

    private const string ChannelPrefix = "crawler_mailbox";

    /// <summary>Connections of the membership, the leases and the notification listener: never queued behind bulk work.</summary>
    private const int ControlPoolSize = 4;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _controlSource;
    private readonly PostgresMessageCodec _codec;
    private readonly PostgresMailboxListener _listener;
    private readonly StateReadBatcher _stateReads;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _channel;
    private readonly Lock _startGate = new();
    private readonly CancellationTokenSource _disposing = new();
    private Task? _started;
    private int _disposed;

    public PostgresSubstrate(PostgresSubstrateOptions options, GrainTypeRegistry registry, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        options.Validate();
        PartitionCount = options.PartitionCount;
        Schema = options.Schema;
        ConnectionDescription = options.DescribeConnection();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _codec = new PostgresMessageCodec(registry);
        _channel = Schema == PostgresSubstrateOptions.DefaultSchema ? ChannelPrefix : $"{ChannelPrefix}_{Schema}";
        var connection = options.EffectiveConnectionString();
        _dataSource = NpgsqlDataSource.Create(connection);

        // Heartbeats and lease renewals have their own few connections: a silo whose pool is busy with commits, mailbox
        // reads and state loads must still renew in time, or it loses its partitions to a lease it only failed to queue for.
        _controlSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection.ConnectionString) { MaxPoolSize = ControlPoolSize });
        _stateReads = new StateReadBatcher(ReadStatesAsync, MaxStateReadBatch, _disposing.Token);
        _listener = new PostgresMailboxListener(_controlSource, _channel, PartitionCount, options.ListenerPingInterval, options.ListenerRetryDelay, _logger);
    }

    public int PartitionCount { get; }

    /// <summary>The schema the tables live in.</summary>
    public string Schema { get; }

    /// <summary>Where the substrate connects, without the password: fit for logs and status pages.</summary>
    public string ConnectionDescription { get; }

    /// <summary>
    /// Creates or migrates the schema, sets up the partitions and starts listening for mailbox notifications.
    /// Every operation does this on first use; calling it first makes a bad connection string fail early.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken) => EnsureStartedAsync(cancellationToken);

    /// <summary>
    /// Creates or migrates the schema and sets up the partitions, without listening (for a deployment step that
    /// prepares the database before any silo starts). Idempotent; returns the schema version.
    /// </summary>
    public Task<int> EnsureSchemaAsync(CancellationToken cancellationToken) =>
        PostgresSchema.EnsureAsync(_dataSource, Schema, PartitionCount, cancellationToken);

    public async Task UpsertSiloAsync(SiloRecord silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await RetryOnLostConnectionAsync(_controlSource, token => UpsertSiloOnceAsync(silo, token), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        return await RetryOnLostConnectionAsync(_controlSource, ListSilosOnceAsync, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        return await _stateReads.ReadAsync(grain, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<object>> ReadStreamAsync(string stream, long offset, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (max <= 0)
        {
            return [];
        }

        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        return await RetryOnLostConnectionAsync(_dataSource, token => ReadStreamOnceAsync(stream, offset, max, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a read (or a write that may safely run twice) again on a fresh connection when the first one turns out to
    /// have been dropped by the server: after a server restart every idle connection of the pool is dead, and the
    /// first use of each would fail otherwise. Reads that change something (the mailbox's) are never retried here.
    /// </summary>
    private static async Task<T> RetryOnLostConnectionAsync<T>(NpgsqlDataSource source, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (IsLostConnection(ex) && !cancellationToken.IsCancellationRequested)
        {
            source.Clear();
            return await operation(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The server ended the session (shutdown, restart, terminated backend) or the connection broke.</summary>
    private static bool IsLostConnection(NpgsqlException exception) => exception is PostgresException postgres
        ? postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
        : exception.InnerException is IOException or System.Net.Sockets.SocketException || exception.IsTransient;

    private async Task<bool> UpsertSiloOnceAsync(SiloRecord silo, CancellationToken cancellationToken)
    {
        await using var command = _controlSource.CreateCommand(UpsertSiloSql);
        command.Parameters.Add(new NpgsqlParameter<string>("silo_id", silo.SiloId));
        command.Parameters.Add(new NpgsqlParameter<string>("address", silo.Address));
        command.Parameters.Add(new NpgsqlParameter<string>("status", silo.Status.ToString()));
        command.Parameters.Add(Time("started_at", silo.StartedAt));
        command.Parameters.Add(Time("heartbeat", silo.Heartbeat));
        command.Parameters.Add(new NpgsqlParameter<int>("activations", silo.Activations));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task<IReadOnlyList<SiloRecord>> ListSilosOnceAsync(CancellationToken cancellationToken)
    {
        await using var command = _controlSource.CreateCommand(ListSilosSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var silos = new List<SiloRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            silos.Add(new SiloRecord(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<SiloStatus>(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetInt32(5)));
        }

        return silos;
    }

    private Task<IReadOnlyDictionary<GrainId, byte[]>> ReadStatesAsync(IReadOnlyList<GrainId> grains, CancellationToken cancellationToken) =>
        RetryOnLostConnectionAsync(_dataSource, token => ReadStatesOnceAsync(grains, token), cancellationToken);

    private async Task<IReadOnlyDictionary<GrainId, byte[]>> ReadStatesOnceAsync(IReadOnlyList<GrainId> grains, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadStatesSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("grain_types", [.. grains.Select(g => g.Type)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("grain_keys", [.. grains.Select(g => g.Key)]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<GrainId, byte[]>(grains.Count);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            states[new GrainId(reader.GetString(0), reader.GetString(1))] = reader.GetFieldValue<byte[]>(2);
        }

        return states;
    }

    private async Task<IReadOnlyList<object>> ReadStreamOnceAsync(string stream, long offset, int max, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ReadStreamSql);
        command.Parameters.Add(new NpgsqlParameter<string>("stream", stream));
        command.Parameters.Add(new NpgsqlParameter<long>("offset", offset));
        command.Parameters.Add(new NpgsqlParameter<int>("max", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<object>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(_codec.DeserializeRecord(reader.GetString(0), reader.GetString(1)));
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await _controlSource.DisposeAsync().ConfigureAwait(false);
        _disposing.Dispose();
    }

    private Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        var started = _started;
        if (started is null || started.IsFaulted || started.IsCanceled)
        {
            lock (_startGate)
            {
                // A failed start (the server was down) is tried again by the next caller.
                if (_started is null || _started.IsFaulted || _started.IsCanceled)
                {
                    _started = StartCoreAsync(_disposing.Token);
                }

                started = _started;
            }
        }

        return started.IsCompletedSuccessfully ? Task.CompletedTask : started.WaitAsync(cancellationToken);
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var version = await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await _listener.StartAsync(cancellationToken).ConfigureAwait(false);
        Log.Started(_logger, ConnectionDescription, version, PartitionCount);
    }

    private static NpgsqlParameter<DateTimeOffset> Time(string name, DateTimeOffset value) => new(name, value.ToUniversalTime());

    private static NpgsqlParameter<string[]> JsonArray(string name, string[] values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Json) { TypedValue = values };
}

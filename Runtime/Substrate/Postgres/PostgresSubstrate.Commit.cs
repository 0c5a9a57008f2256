using Crawler.Runtime.Messaging;
using Npgsql;

namespace Crawler.Runtime.Substrate.Postgres;

public sealed partial class PostgresSubstrate
{
    /// <summary>
    /// Share-locks the leases of the partitions in the batch, in partition order, and returns those still held.
    /// Until the transaction ends no silo can take them over, so the epochs checked here stay true for the commit.
    /// </summary>
    private const string LockLeasesSql = """
        SELECT partition, epoch FROM leases
        WHERE partition = ANY(@partitions) AND owner IS NOT NULL AND expires_at > @now
        ORDER BY partition
        FOR SHARE
        """;

    /// <summary>Acknowledges handled messages; a sequence not returned was consumed by an earlier commit.</summary>
    private const string ConsumeSql = """
        DELETE FROM mailbox AS m
        USING unnest(@partitions, @seqs) AS c(partition, seq)
        WHERE m.partition = c.partition AND m.seq = c.seq
        RETURNING m.seq
        """;

    private const string WriteStatesSql = """
        INSERT INTO grain_state (grain_type, grain_key, state)
        SELECT s.grain_type, s.grain_key, s.state FROM unnest(@grain_types, @grain_keys, @states) AS s(grain_type, grain_key, state)
        ON CONFLICT (grain_type, grain_key) DO UPDATE SET state = excluded.state
        """;

    private const string ClearStatesSql = """
        DELETE FROM grain_state AS g
        USING unnest(@grain_types, @grain_keys) AS d(grain_type, grain_key)
        WHERE g.grain_type = d.grain_type AND g.grain_key = d.grain_key
        """;

    /// <summary>
    /// Appends records at dense positions: each stream's head row is bumped by its count (locked in stream-name
    /// order, so concurrent appenders queue instead of deadlocking) and the records take the positions before it.
    /// </summary>
    private const string AppendStreamsSql = """
        WITH heads AS (
            INSERT INTO stream_heads AS h (stream, length)
            SELECT s.stream, s.n FROM unnest(@head_streams, @head_counts) WITH ORDINALITY AS s(stream, n, ord)
            ORDER BY s.ord
            ON CONFLICT (stream) DO UPDATE SET length = h.length + excluded.length
            RETURNING h.stream, h.length
        )
        INSERT INTO streams (stream, seq, type_name, record)
        SELECT r.stream, heads.length - c.n + r.pos, r.type_name, r.record
        FROM unnest(@streams, @positions, @type_names, @records) AS r(stream, pos, type_name, record)
        JOIN unnest(@head_streams, @head_counts) AS c(stream, n) ON c.stream = r.stream
        JOIN heads ON heads.stream = r.stream
        """;

    public async Task<IReadOnlySet<PartitionEpoch>> CommitAsync(IReadOnlyList<TurnCommit> commits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commits);
        if (commits.Count == 0)
        {
            return new HashSet<PartitionEpoch>();
        }

        // Everything is turned into JSON before the transaction opens, so no lock waits on serialization.
        var prepared = commits.Select(Prepare).ToList();
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var held = await LockLeasesAsync(connection, transaction, commits, now, cancellationToken).ConfigureAwait(false);
        var refused = new HashSet<PartitionEpoch>();
        foreach (var commit in commits)
        {
            if (!held.TryGetValue(commit.Partition, out var epoch) || epoch != commit.Epoch)
            {
                refused.Add(PartitionEpoch.Of(commit));
            }
        }

        var accepted = prepared.Where(p => !refused.Contains(PartitionEpoch.Of(p.Commit))).ToList();
        var applied = await ConsumeAsync(connection, transaction, accepted, cancellationToken).ConfigureAwait(false);
        var outgoing = applied.SelectMany(p => p.Commit.Outgoing).ToList();
        var sequences = await WriteAsync(connection, transaction, applied, outgoing, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        AssignSequences(outgoing, sequences);
        return refused;
    }

    /// <summary>Everything the applied turns change, in one batch: messages and their notices, state, stream records.</summary>
    private async Task<List<long>> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PreparedCommit> applied, List<Envelope> outgoing, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (outgoing.Count > 0)
        {
            // First in the batch, so the first result holds the new sequence numbers.
            batch.BatchCommands.Add(InsertMessagesCommand(outgoing, [.. applied.SelectMany(p => p.Arguments)]));
            batch.BatchCommands.Add(NotifyCommand(outgoing));
        }

        AddStateCommands(batch, applied);
        AddAppendCommand(batch, applied);
        var sequences = new List<long>(outgoing.Count);
        if (batch.BatchCommands.Count == 0)
        {
            return sequences;
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (outgoing.Count > 0 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }

    private PreparedCommit Prepare(TurnCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        CheckPartition(commit.Partition);
        var arguments = SerializeMessages(commit.Outgoing);
        var types = new string[commit.Appends.Count];
        var records = new string[commit.Appends.Count];
        for (var i = 0; i < commit.Appends.Count; i++)
        {
            types[i] = _codec.RecordTypeName(commit.Appends[i]);
            records[i] = PostgresMessageCodec.SerializeRecord(commit.Appends[i]);
        }

        return new PreparedCommit(commit, arguments, types, records);
    }

    private static async Task<Dictionary<int, long>> LockLeasesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TurnCommit> commits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(LockLeasesSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int[]>("partitions", [.. commits.Select(c => c.Partition).Distinct().Order()]));
        command.Parameters.Add(Time("now", now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var held = new Dictionary<int, long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            held[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return held;
    }

    /// <summary>
    /// Deletes the messages the accepted turns consumed and returns the turns to apply: a turn whose message is
    /// already gone was committed before (a retry after a lost reply) and is skipped whole.
    /// </summary>
    private async Task<List<PreparedCommit>> ConsumeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PreparedCommit> accepted, CancellationToken cancellationToken)
    {
        var consuming = accepted.Where(p => p.Commit.ConsumedSequence is not null).Select(p => p.Commit).ToList();
        var deleted = new HashSet<long>();
        if (consuming.Count > 0)
        {
            await using var command = new NpgsqlCommand(ConsumeSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<int[]>("partitions", [.. consuming.Select(c => c.Partition)]));
            command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", [.. consuming.Select(c => c.ConsumedSequence!.Value)]));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(reader.GetInt64(0));
            }
        }

        var applied = new List<PreparedCommit>(accepted.Count);
        foreach (var prepared in accepted)
        {
            // Remove, not Contains: of two turns in one batch that consumed the same message, only the first applies.
            if (prepared.Commit.ConsumedSequence is { } sequence && !deleted.Remove(sequence))
            {
                Log.TurnAlreadyCommitted(_logger, prepared.Commit.Grain, prepared.Commit.Partition, sequence);
                continue;
            }

            applied.Add(prepared);
        }

        return applied;
    }

    /// <summary>The last state change of each grain in the batch wins, as if the turns were applied one by one.</summary>
    private static void AddStateCommands(NpgsqlBatch batch, List<PreparedCommit> applied)
    {
        var final = new Dictionary<GrainId, byte[]?>();
        foreach (var commit in applied.Select(p => p.Commit))
        {
            if (commit.ClearState)
            {
                final[commit.Grain] = null;
            }
            else if (commit.State is { } state)
            {
                final[commit.Grain] = state;
            }
        }

        var written = final.Where(e => e.Value is not null).ToList();
        if (written.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(WriteStatesSql)
            {
                Parameters =
                {
                    new NpgsqlParameter<string[]>("grain_types", [.. written.Select(e => e.Key.Type)]),
                    new NpgsqlParameter<string[]>("grain_keys", [.. written.Select(e => e.Key.Key)]),
                    new NpgsqlParameter<byte[][]>("states", [.. written.Select(e => e.Value!)]),
                },
            });
        }

        var cleared = final.Where(e => e.Value is null).Select(e => e.Key).ToList();
        if (cleared.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(ClearStatesSql)
            {
                Parameters =
                {
                    new NpgsqlParameter<string[]>("grain_types", [.. cleared.Select(g => g.Type)]),
                    new NpgsqlParameter<string[]>("grain_keys", [.. cleared.Select(g => g.Key)]),
                },
            });
        }
    }

    private static void AddAppendCommand(NpgsqlBatch batch, List<PreparedCommit> applied)
    {
        var streams = new List<string>();
        var positions = new List<long>();
        var types = new List<string>();
        var records = new List<string>();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var prepared in applied)
        {
            for (var i = 0; i < prepared.Commit.Appends.Count; i++)
            {
                var stream = prepared.Commit.Appends[i].Stream;
                var position = counts.GetValueOrDefault(stream);
                counts[stream] = position + 1;
                streams.Add(stream);
                positions.Add(position);
                types.Add(prepared.RecordTypes[i]);
                records.Add(prepared.Records[i]);
            }
        }

        if (streams.Count == 0)
        {
            return;
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(AppendStreamsSql)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]>("head_streams", [.. counts.Keys]),
                new NpgsqlParameter<long[]>("head_counts", [.. counts.Values]),
                new NpgsqlParameter<string[]>("streams", [.. streams]),
                new NpgsqlParameter<long[]>("positions", [.. positions]),
                new NpgsqlParameter<string[]>("type_names", [.. types]),
                JsonArray("records", [.. records]),
            },
        });
    }
}

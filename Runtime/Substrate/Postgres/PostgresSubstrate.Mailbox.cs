using Crawler.Runtime.Messaging;
using Npgsql;

namespace Crawler.Runtime.Substrate.Postgres;

public sealed partial class PostgresSubstrate
{
    /// <summary>Stores messages in the order given, so sequence numbers follow it.</summary>
    private const string InsertMessagesSql = """
        INSERT INTO mailbox (partition, target_type, target_key, method_id, arguments)
        SELECT m.partition, m.target_type, m.target_key, m.method_id, m.arguments
        FROM unnest(@partitions, @target_types, @target_keys, @method_ids, @arguments)
            WITH ORDINALITY AS m(partition, target_type, target_key, method_id, arguments, ord)
        ORDER BY m.ord
        RETURNING seq
        """;

    /// <summary>Wakes the pumps of these partitions once the transaction commits (one notice per partition).</summary>
    private const string NotifySql = "SELECT pg_notify(@channel, p::text) FROM unnest(@notified) AS p";

    /// <summary>
    /// Hands the lease holder the oldest messages not yet handed out at its epoch and marks them so. The lease row
    /// is share-locked in the same statement: a silo taking the partition over waits for this read to finish, so the
    /// marks of an old epoch never land after the new owner has read.
    /// </summary>
    private const string ReadMailboxSql = """
        WITH lease AS (
            SELECT partition FROM leases
            WHERE partition = @partition AND owner = @owner AND epoch = @epoch
            FOR SHARE
        ), picked AS (
            SELECT m.partition, m.seq FROM mailbox AS m
            JOIN lease ON lease.partition = m.partition
            WHERE m.partition = @partition AND m.delivered_epoch IS DISTINCT FROM @epoch
            ORDER BY m.seq
            LIMIT @max
            FOR UPDATE OF m
        )
        UPDATE mailbox AS m SET delivered_epoch = @epoch
        FROM picked
        WHERE m.partition = picked.partition AND m.seq = picked.seq
        RETURNING m.seq, m.target_type, m.target_key, m.method_id, m.arguments
        """;

    public async Task EnqueueAsync(IReadOnlyList<Envelope> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        var arguments = SerializeMessages(messages);
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);

        // One batch, one implicit transaction: the messages and their notices commit together.
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(InsertMessagesCommand(messages, arguments));
        batch.BatchCommands.Add(NotifyCommand(messages));
        var sequences = new List<long>(messages.Count);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sequences.Add(reader.GetInt64(0));
            }
        }

        AssignSequences(messages, sequences);
    }

    public async Task<IReadOnlyList<Envelope>> ReadMailboxAsync(PartitionLease lease, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        CheckPartition(lease.Partition);
        if (lease.Owner is null || max <= 0)
        {
            return [];
        }

        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(ReadMailboxSql);
        command.Parameters.Add(new NpgsqlParameter<int>("partition", lease.Partition));
        command.Parameters.Add(new NpgsqlParameter<string>("owner", lease.Owner));
        command.Parameters.Add(new NpgsqlParameter<long>("epoch", lease.Epoch));
        command.Parameters.Add(new NpgsqlParameter<int>("max", max));
        var messages = new List<Envelope>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var method = _codec.ResolveMethod(reader.GetString(3));
                var target = new GrainId(reader.GetString(1), reader.GetString(2));
                messages.Add(new Envelope(target, lease.Partition, method, PostgresMessageCodec.DeserializeArguments(method, reader.GetString(4)))
                {
                    Sequence = reader.GetInt64(0),
                });
            }
        }

        messages.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return messages;
    }

    public Task WaitForMailboxAsync(int partition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        CheckPartition(partition);
        var started = EnsureStartedAsync(cancellationToken);

        // Started: the wait is registered before this returns, so a message stored right after it wakes it.
        return started.IsCompletedSuccessfully
            ? _listener.WaitAsync(partition, timeout, _timeProvider, cancellationToken)
            : WaitAfterStartAsync(started, partition, timeout, cancellationToken);
    }

    private async Task WaitAfterStartAsync(Task started, int partition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await started.ConfigureAwait(false);
        await _listener.WaitAsync(partition, timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
    }

    private string[] SerializeMessages(IReadOnlyList<Envelope> messages)
    {
        var arguments = new string[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            CheckPartition(messages[i].Partition);
            arguments[i] = PostgresMessageCodec.SerializeArguments(messages[i]);
        }

        return arguments;
    }

    private static NpgsqlBatchCommand InsertMessagesCommand(IReadOnlyList<Envelope> messages, string[] arguments) =>
        new(InsertMessagesSql)
        {
            Parameters =
            {
                new NpgsqlParameter<int[]>("partitions", [.. messages.Select(m => m.Partition)]),
                new NpgsqlParameter<string[]>("target_types", [.. messages.Select(m => m.Target.Type)]),
                new NpgsqlParameter<string[]>("target_keys", [.. messages.Select(m => m.Target.Key)]),
                new NpgsqlParameter<string[]>("method_ids", [.. messages.Select(m => m.Method.Id)]),
                JsonArray("arguments", arguments),
            },
        };

    private NpgsqlBatchCommand NotifyCommand(IEnumerable<Envelope> messages) =>
        new(NotifySql)
        {
            Parameters =
            {
                new NpgsqlParameter<string>("channel", _channel),
                new NpgsqlParameter<int[]>("notified", [.. messages.Select(m => m.Partition).Distinct()]),
            },
        };

    /// <summary>Rows are inserted in message order and sequence values only grow, so sorted values match in order.</summary>
    private static void AssignSequences(IReadOnlyList<Envelope> messages, List<long> sequences)
    {
        sequences.Sort();
        for (var i = 0; i < messages.Count && i < sequences.Count; i++)
        {
            messages[i].Sequence = sequences[i];
        }
    }
}

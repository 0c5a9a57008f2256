using Npgsql;

namespace Crawler.Runtime.Substrate.Postgres;

public sealed partial class PostgresSubstrate
{
    private const string ListLeasesSql = "SELECT partition, owner, epoch, expires_at FROM leases ORDER BY partition";

    /// <summary>
    /// Extends a lease the silo holds (same epoch), or takes a free or expired one (next epoch); an expired lease
    /// of the same silo starts a new epoch too, since what it read under the old one may never have committed.
    /// </summary>
    private const string TryAcquireLeaseSql = """
        UPDATE leases SET
            epoch = CASE WHEN owner = @owner AND expires_at > @now THEN epoch ELSE epoch + 1 END,
            owner = @owner,
            expires_at = @expires_at
        WHERE partition = @partition
          AND (owner IS NULL OR expires_at <= @now OR owner = @owner)
        RETURNING partition, owner, epoch, expires_at
        """;

    /// <summary>Extends the leases still held at their epochs, locking them in partition order (as commits do).</summary>
    private const string RenewLeasesSql = """
        UPDATE leases AS l SET expires_at = @expires_at
        FROM (
            SELECT c.partition FROM leases AS c
            JOIN unnest(@partitions, @epochs) AS h(partition, epoch) ON h.partition = c.partition AND h.epoch = c.epoch
            WHERE c.owner = @owner AND c.expires_at > @now
            ORDER BY c.partition
            FOR UPDATE OF c
        ) AS held
        WHERE l.partition = held.partition
        RETURNING l.partition, l.owner, l.epoch, l.expires_at
        """;

    private const string ReleaseLeaseSql = """
        UPDATE leases SET owner = NULL, expires_at = '-infinity'
        WHERE partition = @partition AND epoch = @epoch AND owner = @owner
        """;

    public async Task<IReadOnlyList<PartitionLease>> ListLeasesAsync(CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        return await RetryOnLostConnectionAsync(_controlSource, ListLeasesOnceAsync, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<PartitionLease>> ListLeasesOnceAsync(CancellationToken cancellationToken)
    {
        await using var command = _controlSource.CreateCommand(ListLeasesSql);
        return await ReadLeasesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PartitionLease?> TryAcquireLeaseAsync(int partition, string siloId, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        CheckPartition(partition);
        ArgumentException.ThrowIfNullOrEmpty(siloId);
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _controlSource.CreateCommand(TryAcquireLeaseSql);
        command.Parameters.Add(new NpgsqlParameter<int>("partition", partition));
        command.Parameters.Add(new NpgsqlParameter<string>("owner", siloId));
        command.Parameters.Add(Time("now", now));
        command.Parameters.Add(Time("expires_at", now + duration));
        var leases = await ReadLeasesAsync(command, cancellationToken).ConfigureAwait(false);
        return leases.Count == 0 ? null : leases[0];
    }

    public async Task<IReadOnlyList<PartitionLease>> RenewLeasesAsync(string siloId, IReadOnlyList<PartitionLease> held, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(siloId);
        ArgumentNullException.ThrowIfNull(held);
        if (held.Count == 0)
        {
            return [];
        }

        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _controlSource.CreateCommand(RenewLeasesSql);
        command.Parameters.Add(new NpgsqlParameter<int[]>("partitions", [.. held.Select(l => l.Partition)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("epochs", [.. held.Select(l => l.Epoch)]));
        command.Parameters.Add(new NpgsqlParameter<string>("owner", siloId));
        command.Parameters.Add(Time("now", now));
        command.Parameters.Add(Time("expires_at", now + duration));
        var renewed = await ReadLeasesAsync(command, cancellationToken).ConfigureAwait(false);
        return [.. renewed.OrderBy(l => l.Partition)];
    }

    public async Task ReleaseLeaseAsync(PartitionLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.Owner is null)
        {
            return;
        }

        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _controlSource.CreateCommand(ReleaseLeaseSql);
        command.Parameters.Add(new NpgsqlParameter<int>("partition", lease.Partition));
        command.Parameters.Add(new NpgsqlParameter<long>("epoch", lease.Epoch));
        command.Parameters.Add(new NpgsqlParameter<string>("owner", lease.Owner));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<PartitionLease>> ReadLeasesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var leases = new List<PartitionLease>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leases.Add(new PartitionLease(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetInt64(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return leases;
    }

    private void CheckPartition(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, PartitionCount);
    }
}

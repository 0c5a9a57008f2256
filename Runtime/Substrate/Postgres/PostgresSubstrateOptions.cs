using System.Text.RegularExpressions;
using Npgsql;

namespace Crawler.Runtime.Substrate.Postgres;

/// <summary>Where the PostgreSQL substrate keeps the cluster, and how it is laid out.</summary>
public sealed partial class PostgresSubstrateOptions
{
    public const int DefaultPartitionCount = 64;
    public const string DefaultSchema = "public";
    public const int DefaultMaxPoolSize = 20;
    public static readonly TimeSpan DefaultListenerPingInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultListenerRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultStuckTransactionTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan DefaultStuckStatementTimeout = TimeSpan.FromSeconds(30);

    /// <summary>An Npgsql connection string (Host, Port, Username, Password, Database, ...). Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Number of partitions; fixed for the life of the cluster (the schema records it). Default 64.</summary>
    public int PartitionCount { get; set; } = DefaultPartitionCount;

    private string? _schema;

    /// <summary>
    /// The schema the tables live in, created if missing; lower-case letters, digits and '_'. Default: the
    /// connection string's <c>Search Path</c> when it names one schema (so <c>--postgres "...;SearchPath=x"</c> picks
    /// it), else "public".
    /// </summary>
    public string Schema
    {
        get => _schema ?? SchemaOfConnectionString() ?? DefaultSchema;
        set => _schema = value;
    }

    /// <summary>
    /// Connections one silo opens at most for its work (the pool's size); the membership, the leases and the
    /// notification listener have up to 4 more of their own. Default: the
    /// connection string's <c>Maximum Pool Size</c> when it sets one, else 20. Npgsql's own default of 100 per
    /// process would let three silos take every connection a default PostgreSQL server has; the silo batches its
    /// work (group commit, mailbox reads), so a few connections carry it.
    /// </summary>
    public int? MaxPoolSize { get; set; }

    /// <summary>
    /// A silo that stops in the middle of a commit (paused, frozen, cut off) keeps its lease rows locked, and no other
    /// silo could take its partitions over; the server ends such a transaction after this long idle, and a silo waits
    /// at most this long for a lease row. Keep it well under the silos' lease duration. Default 3 s.
    /// </summary>
    public TimeSpan StuckTransactionTimeout { get; set; } = DefaultStuckTransactionTimeout;

    /// <summary>
    /// A silo frozen while the server sends it a statement's rows (a mailbox read, say) is not idle to the server, so the
    /// transaction timeout above never fires, and the lease row the statement locked stays locked: no silo could take the
    /// partition over until it thawed. The server cancels any statement after this long (<c>statement_timeout</c>).
    /// Longer than any statement the silo makes; the failed work is retried. Default 30 s.
    /// </summary>
    public TimeSpan StuckStatementTimeout { get; set; } = DefaultStuckStatementTimeout;

    /// <summary>How often the idle notification connection checks that the server is still there. Default 15 s.</summary>
    public TimeSpan ListenerPingInterval { get; set; } = DefaultListenerPingInterval;

    /// <summary>Wait before the notification connection reconnects after losing the server. Default 1 s.</summary>
    public TimeSpan ListenerRetryDelay { get; set; } = DefaultListenerRetryDelay;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("ConnectionString must be set.");
        }

        if (PartitionCount < 1)
        {
            throw new ArgumentException("PartitionCount must be positive.");
        }

        if (!SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException($"Schema '{Schema}' must be 1 to 40 lower-case letters, digits or '_', starting with a letter or '_'.");
        }

        if (MaxPoolSize is < 1)
        {
            throw new ArgumentException("MaxPoolSize must be positive.");
        }

        if (StuckStatementTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("StuckStatementTimeout must be at least 1 s.");
        }

        if (StuckTransactionTimeout < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentException("StuckTransactionTimeout must be at least 100 ms.");
        }

        if (ListenerPingInterval <= TimeSpan.Zero || ListenerRetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException("ListenerPingInterval and ListenerRetryDelay must be positive.");
        }
    }

    /// <summary>Where the substrate connects, fit for logs: host, port, database, user and schema; never the password.</summary>
    public string DescribeConnection()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"Host={builder.Host};Port={builder.Port};Database={builder.Database};Username={builder.Username};Schema={Schema}";
    }

    /// <summary>The connection string the substrate connects with: the schema as search path, the pool bounded.</summary>
    internal NpgsqlConnectionStringBuilder EffectiveConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = Schema };
        builder.MaxPoolSize = MaxPoolSize ?? (SetsPoolSize(ConnectionString) ? builder.MaxPoolSize : DefaultMaxPoolSize);
        var stuck = (long)StuckTransactionTimeout.TotalMilliseconds;
        var statement = (long)StuckStatementTimeout.TotalMilliseconds;
        builder.Options = $"{builder.Options} -c idle_in_transaction_session_timeout={stuck} -c lock_timeout={stuck} -c statement_timeout={statement}".Trim();
        return builder;
    }

    /// <summary>Whether the connection string names a pool size itself (Npgsql's builder reports its default as set).</summary>
    private static bool SetsPoolSize(string connectionString)
    {
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        return keys.Select(k => k.Replace(" ", "", StringComparison.Ordinal)).Any(k =>
            k.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || k.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
    }

    private string? SchemaOfConnectionString()
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(ConnectionString).SearchPath is { Length: > 0 } path ? path.Trim() : null;
        }
        catch (ArgumentException)
        {
            // A malformed connection string is reported by Validate and by the first connection, not here.
            return null;
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}

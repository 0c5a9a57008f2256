using System.Text.RegularExpressions;
using Npgsql;

namespace Crawler.Runtime.Substrate.Postgres;

/// <summary>Where the PostgreSQL substrate keeps the cluster, and how it is laid out.</summary>
public sealed partial class PostgresSubstrateOptions
{
    public const int DefaultPartitionCount = 64;
    public const string DefaultSchema = "public";
    public static readonly TimeSpan DefaultListenerPingInterval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultListenerRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>An Npgsql connection string (Host, Port, Username, Password, Database, ...). Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Number of partitions; fixed for the life of the cluster (the schema records it). Default 64.</summary>
    public int PartitionCount { get; set; } = DefaultPartitionCount;

    /// <summary>The schema the tables live in, created if missing; lower-case letters, digits and '_'. Default "public".</summary>
    public string Schema { get; set; } = DefaultSchema;

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

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}

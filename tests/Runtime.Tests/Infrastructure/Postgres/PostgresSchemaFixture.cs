using System.Globalization;
using System.Text;
using Crawler.Runtime.Placement;
using Crawler.Runtime.Substrate.Postgres;
using Crawler.Runtime.Tests.TestGrains;
using Crawler.Testing.Postgres;
using Npgsql;

namespace Crawler.Runtime.Tests.Infrastructure.Postgres;

/// <summary>
/// One run of a PostgreSQL test class: every substrate it makes gets a fresh schema named after this run
/// (<c>crawler_t_&lt;random&gt;_&lt;n&gt;</c>), and all of them are dropped when the class is done, so runs and
/// classes never see each other's rows. Nothing touches the server until a test asks for a substrate.
/// </summary>
public sealed class PostgresSchemaFixture : IAsyncLifetime
{
    private static readonly CompositeFormat DropSchemaSql = CompositeFormat.Parse("DROP SCHEMA IF EXISTS \"{0}\" CASCADE");

    private readonly string _prefix = $"crawler_t_{Guid.NewGuid():N}"[..18];
    private readonly Lock _gate = new();
    private readonly List<string> _schemas = [];
    private int _next;

    public static GrainTypeRegistry Registry { get; } = new GrainTypeRegistry().AddAssembly(typeof(TestProbe).Assembly);

    /// <summary>A schema name no other run uses; dropped at the end of the class.</summary>
    public string NewSchema()
    {
        var schema = $"{_prefix}_{Interlocked.Increment(ref _next)}";
        lock (_gate)
        {
            _schemas.Add(schema);
        }

        return schema;
    }

    /// <summary>A substrate over the test grains; not started. In CI without a server this is where the test fails.</summary>
    public static PostgresSubstrate CreateSubstrate(string schema, int partitionCount, TimeProvider? timeProvider = null) =>
        new(
            new PostgresSubstrateOptions
            {
                ConnectionString = PostgresTestEnvironment.RequireConnectionString(),
                Schema = schema,
                PartitionCount = partitionCount,
            },
            Registry,
            timeProvider: timeProvider);

    /// <summary>A connection pool onto one schema, for tests that look at or tamper with the rows themselves.</summary>
    public static NpgsqlDataSource OpenSchema(string schema) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(PostgresTestEnvironment.RequireConnectionString()) { SearchPath = schema });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        string[] schemas;
        lock (_gate)
        {
            schemas = [.. _schemas];
        }

        if (schemas.Length == 0 || PostgresTestEnvironment.ConnectionString is not { } connectionString)
        {
            return;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        foreach (var schema in schemas)
        {
            await using var command = dataSource.CreateCommand(string.Format(CultureInfo.InvariantCulture, DropSchemaSql, schema));
            await command.ExecuteNonQueryAsync();
        }
    }
}

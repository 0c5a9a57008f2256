using Crawler.Testing.Postgres;
using Npgsql;

namespace Crawler.Client.Tests.Infrastructure;

/// <summary>
/// A fresh schema on the test server for one test, dropped when the test is done; <see cref="Connection"/> names it
/// in <c>Search Path</c>, which is how `crawl --postgres` picks its schema.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private TestPostgres(string schema)
    {
        Schema = schema;
        Connection = new NpgsqlConnectionStringBuilder(PostgresTestEnvironment.RequireConnectionString()) { SearchPath = schema }.ConnectionString;
    }

    public string Schema { get; }

    public string Connection { get; }

    public static TestPostgres Create() => new($"crawler_c_{Guid.NewGuid():N}"[..20]);

    public async ValueTask DisposeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(PostgresTestEnvironment.RequireConnectionString());
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}

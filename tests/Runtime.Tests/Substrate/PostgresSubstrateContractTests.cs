using Crawler.Runtime.Substrate;
using Crawler.Runtime.Substrate.Postgres;
using Crawler.Runtime.Tests.Infrastructure.Postgres;

namespace Crawler.Runtime.Tests.Substrate;

/// <summary>
/// The substrate contract against a real PostgreSQL server (<c>CRAWLER_TEST_POSTGRES</c>): each test gets a
/// substrate over a fresh schema. Skipped without a server, except under CI=true, where the tests fail.
/// </summary>
[PostgresRequired]
public sealed class PostgresSubstrateContractTests(PostgresSchemaFixture schemas)
    : SubstrateContractTests, IClassFixture<PostgresSchemaFixture>, IAsyncLifetime
{
    private readonly List<PostgresSubstrate> _substrates = [];

    protected override async Task<ISubstrate> CreateSubstrateAsync(int partitionCount)
    {
        var substrate = PostgresSchemaFixture.CreateSubstrate(schemas.NewSchema(), partitionCount);
        _substrates.Add(substrate);
        await substrate.StartAsync(CancellationToken.None);
        return substrate;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var substrate in _substrates)
        {
            await substrate.DisposeAsync();
        }
    }
}

using Crawler.Runtime.Substrate.Postgres;

namespace Crawler.Runtime.Tests.Substrate;

public sealed class PostgresSubstrateOptionsTests
{
    [Fact]
    public void Schema_NotSet_IsTheConnectionStringsSearchPath()
    {
        var options = new PostgresSubstrateOptions { ConnectionString = "Host=localhost;SearchPath=cluster_7" };

        Assert.Equal("cluster_7", options.Schema);
    }

    [Fact]
    public void Schema_Set_WinsOverTheSearchPath()
    {
        var options = new PostgresSubstrateOptions { ConnectionString = "Host=localhost;SearchPath=cluster_7", Schema = "cluster_8" };

        Assert.Equal("cluster_8", options.Schema);
    }

    [Fact]
    public void Schema_NeitherSetNorInTheConnectionString_IsPublic()
    {
        var options = new PostgresSubstrateOptions { ConnectionString = "Host=localhost" };

        Assert.Equal(PostgresSubstrateOptions.DefaultSchema, options.Schema);
    }

    [Fact]
    public void Validate_SearchPathOfSeveralSchemas_IsRejected()
    {
        var options = new PostgresSubstrateOptions { ConnectionString = "Host=localhost;SearchPath=a,b" };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void EffectiveConnectionString_Always_BoundsStuckTransactionsLockWaitsAndStatements()
    {
        var options = new PostgresSubstrateOptions
        {
            ConnectionString = "Host=localhost;Options=-c work_mem=8MB",
            StuckTransactionTimeout = TimeSpan.FromSeconds(2),
            StuckStatementTimeout = TimeSpan.FromSeconds(20),
        };

        Assert.Equal(
            "-c work_mem=8MB -c idle_in_transaction_session_timeout=2000 -c lock_timeout=2000 -c statement_timeout=20000",
            options.EffectiveConnectionString().Options);
    }

    [Fact]
    public void Validate_StatementTimeoutUnderASecond_Throws()
    {
        var options = new PostgresSubstrateOptions { ConnectionString = "Host=localhost", StuckStatementTimeout = TimeSpan.FromMilliseconds(500) };

        Assert.Contains("StuckStatementTimeout", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectiveConnectionString_NoPoolSizeAnywhere_BoundsThePoolToTheDefault()
    {
        var options = new PostgresSubstrateOptions { ConnectionString = "Host=localhost" };

        Assert.Equal(PostgresSubstrateOptions.DefaultMaxPoolSize, options.EffectiveConnectionString().MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=localhost;Maximum Pool Size=7")]
    [InlineData("Host=localhost;MaxPoolSize=7")]
    public void EffectiveConnectionString_PoolSizeInConnectionString_IsKept(string connectionString)
    {
        var options = new PostgresSubstrateOptions { ConnectionString = connectionString };

        Assert.Equal(7, options.EffectiveConnectionString().MaxPoolSize);
    }

    [Fact]
    public void EffectiveConnectionString_PoolSizeOption_WinsAndSchemaIsTheSearchPath()
    {
        var options = new PostgresSubstrateOptions { ConnectionString = "Host=localhost;Maximum Pool Size=7", MaxPoolSize = 3, Schema = "cluster_9" };

        var effective = options.EffectiveConnectionString();

        Assert.Equal(3, effective.MaxPoolSize);
        Assert.Equal("cluster_9", effective.SearchPath);
    }
}

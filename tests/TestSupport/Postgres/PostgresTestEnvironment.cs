namespace Crawler.Testing.Postgres;

/// <summary>
/// Where the PostgreSQL tests find their server: <c>CRAWLER_TEST_POSTGRES</c>, an Npgsql connection string (.ci/run
/// installs PostgreSQL 15 and sets it). Without it the tests are skipped, except under <c>CI=true</c>, where they
/// run and fail with <see cref="MissingServerMessage"/>, so a CI run can never pass by skipping them.
/// </summary>
public static class PostgresTestEnvironment
{
    public const string ConnectionStringVariable = "CRAWLER_TEST_POSTGRES";

    public const string MissingServerMessage =
        ConnectionStringVariable + " is not set, and with CI=true the PostgreSQL tests must run. Point it at a PostgreSQL 15 "
        + "server, e.g. \"Host=127.0.0.1;Port=5432;Username=crawler;Password=crawler;Database=crawler_test\" (.ci/run "
        + "installs, starts and sets this up).";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the PostgreSQL tests are skipped here, or null when they run.</summary>
    public static string? SkipReason =>
        ConnectionString is null && !IsCi
            ? $"{ConnectionStringVariable} is not set: no PostgreSQL server to test against (.ci/run sets one up)."
            : null;

    /// <summary>The connection string; in CI without one, the failure that says how to provide it.</summary>
    public static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException(MissingServerMessage);
}

namespace Crawler.Testing.Postgres;

/// <summary>A test that needs the PostgreSQL server: skipped without one, unless CI=true (then it fails).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

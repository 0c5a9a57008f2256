using Crawler.Testing.Postgres;

namespace Crawler.Cluster.Tests.Infrastructure;

/// <summary>
/// A test that starts a PostgreSQL server of its own (see <see cref="PrivatePostgres"/>): skipped on a machine that
/// cannot, except under CI=true, where it runs and fails with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrivatePostgresFactAttribute : FactAttribute
{
    public PrivatePostgresFactAttribute()
    {
        if (PrivatePostgres.UnavailableReason is { } reason && !PostgresTestEnvironment.IsCi)
        {
            Skip = $"A private PostgreSQL server cannot be started here: {reason}";
        }
    }
}

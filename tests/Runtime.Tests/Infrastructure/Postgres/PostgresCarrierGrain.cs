using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Infrastructure.Postgres;

public sealed class PostgresCarrierGrain(TestProbe probe) : Grain, IPostgresCarrierGrain
{
    public Task Carry(WorkReport report, string? note, CancellationToken cancellationToken = default)
    {
        var key = GetPrimaryKeyString();
        probe.Record($"carried:{key}", report);
        probe.Record($"notes:{key}", note ?? "(null)");
        return Task.CompletedTask;
    }
}

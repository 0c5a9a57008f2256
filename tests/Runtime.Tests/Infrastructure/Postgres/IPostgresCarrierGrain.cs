using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Infrastructure.Postgres;

/// <summary>A grain whose one-way method takes a record, a nullable string and a token, as the crawler's do.</summary>
public interface IPostgresCarrierGrain : IGrainWithStringKey
{
    /// <summary>Records the report under "carried:{key}" and the note under "notes:{key}".</summary>
    [OneWay]
    Task Carry(WorkReport report, string? note, CancellationToken cancellationToken = default);
}

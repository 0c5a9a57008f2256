namespace Crawler.Runtime.Tests.TestGrains;

public interface IEchoGrain : IGrainWithStringKey
{
    /// <summary>Returns the report with the note appended to its silo id, and which silo answered.</summary>
    Task<WorkReport> Echo(WorkReport report, string? note, CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="ArgumentException"/> with <paramref name="message"/>.</summary>
    Task Fail(string message);
}

namespace Crawler.Runtime.Tests.TestGrains;

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<WorkReport> Echo(WorkReport report, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Task.FromResult(new WorkReport(report.Id, $"{report.SiloId}|{note ?? "(null)"}|{SiloId}"));
    }

    public Task Fail(string message) => throw new ArgumentException(message);
}

namespace Crawler.Runtime.Tests.TestGrains;

public sealed class OutboxGrain(TestProbe probe) : Grain, IOutboxGrain
{
    public const string Stream = "outbox-appended";

    public async Task SendAndWait(string inbox, string message)
    {
        await GrainFactory.GetGrain<IInboxGrain>(inbox).Deliver(message);
        probe.Signal($"sent:{message}").TrySetResult();
        await probe.Signal($"release:{message}").Task;
    }

    public async Task SendAndFail(string inbox, string message)
    {
        await GrainFactory.GetGrain<IInboxGrain>(inbox).Deliver(message);
        throw new InvalidOperationException("The turn fails after sending.");
    }

    public Task Send(string inbox, string message) => GrainFactory.GetGrain<IInboxGrain>(inbox).Deliver(message);

    public Task SendNumber(string inbox, double value) => GrainFactory.GetGrain<IInboxGrain>(inbox).DeliverNumber(value);

    public Task Append(string kind, int id)
    {
        AppendToStream(Stream, kind switch
        {
            "report" => new WorkReport(id, SiloId),
            "list" => new List<int> { id },
            "nan" => new Measurement(double.NaN),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "report, list or nan"),
        });
        return Task.CompletedTask;
    }
}

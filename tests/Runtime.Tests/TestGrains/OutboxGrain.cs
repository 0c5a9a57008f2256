namespace Crawler.Runtime.Tests.TestGrains;

public sealed class OutboxGrain(TestProbe probe) : Grain, IOutboxGrain
{
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
}

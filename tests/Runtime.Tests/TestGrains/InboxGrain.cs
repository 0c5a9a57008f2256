using System.Globalization;

namespace Crawler.Runtime.Tests.TestGrains;

public sealed class InboxGrain(TestProbe probe) : Grain, IInboxGrain
{
    public Task Deliver(string message)
    {
        var key = GetPrimaryKeyString();
        probe.Record($"inbox:{key}", message);
        probe.Signal($"inbox:{key}:{message}").TrySetResult();
        return Task.CompletedTask;
    }

    public Task DeliverNumber(double value) => Deliver(value.ToString(CultureInfo.InvariantCulture));
}

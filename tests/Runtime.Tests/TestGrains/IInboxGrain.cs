namespace Crawler.Runtime.Tests.TestGrains;

public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>Durable one-way: records the message under "inbox:{key}" and sets signal "inbox:{key}:{message}".</summary>
    [OneWay]
    Task Deliver(string message);

    /// <summary>Durable one-way with a number: records it under "inbox:{key}" as text, as <see cref="Deliver"/> does.</summary>
    [OneWay]
    Task DeliverNumber(double value);
}

namespace Crawler.Runtime.Tests.TestGrains;

public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>Durable one-way: records the message under "inbox:{key}" and sets signal "inbox:{key}:{message}".</summary>
    [OneWay]
    Task Deliver(string message);
}

namespace Crawler.Runtime.Tests.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Counts calls on this activation; returns the count so far.</summary>
    Task<int> Ping();

    /// <summary>A turn that yields in the middle and reports if another turn ran inside it.</summary>
    Task ExclusiveTurn();

    /// <summary>Records <paramref name="sequence"/> under "calls:{key}".</summary>
    Task Request(int sequence);

    /// <summary>Durable one-way: records <paramref name="sequence"/> under "sends:{key}".</summary>
    [OneWay]
    Task Send(int sequence);

    Task<string> Where();

    Task Deactivate();
}

namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>Invalid: a one-way message has no reply, so it cannot return Task&lt;T&gt;.</summary>
public interface IOneWayWithResultGrain : IGrainWithStringKey
{
    [OneWay]
    Task<int> GetValue();
}

namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>Its first activation fails (after signal "flaky-fail:{key}"); later ones work.</summary>
public interface IFlakyGrain : IGrainWithStringKey
{
    Task<int> Ping();

    /// <summary>Durable one-way: records <paramref name="sequence"/> under "flaky:{key}".</summary>
    [OneWay]
    Task Record(int sequence);
}

namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>A grain whose turns fail a given number of times before they work, and that notes messages given up on.</summary>
public interface IStumblingGrain : IGrainWithStringKey
{
    /// <summary>
    /// Durable one-way: counts the attempt under "stumbling-attempts:{key}", throws while that count is at most
    /// <paramref name="failures"/>, then records <paramref name="message"/> under "stumbling:{key}" and keeps it in state.
    /// </summary>
    [OneWay]
    Task Handle(string message, int failures);
}

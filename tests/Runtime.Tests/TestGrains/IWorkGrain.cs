namespace Crawler.Runtime.Tests.TestGrains;

public interface IWorkGrain : IGrainWithStringKey
{
    /// <summary>
    /// Durable one-way: appends a <see cref="WorkReport"/> to stream <see cref="WorkGrain.Stream"/> when the turn
    /// commits. A gated item first records itself under "gated-started" and waits for signal "open".
    /// </summary>
    [OneWay]
    Task Process(int id, bool gated);
}

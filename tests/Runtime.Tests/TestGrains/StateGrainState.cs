namespace Crawler.Runtime.Tests.TestGrains;

public sealed class StateGrainState
{
    public int Value { get; set; }
}

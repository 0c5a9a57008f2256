namespace Crawler.Grains.Tests.Fetching;

/// <summary>Tests that measure the process's memory run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasured
{
    public const string Name = "Fetching memory";
}

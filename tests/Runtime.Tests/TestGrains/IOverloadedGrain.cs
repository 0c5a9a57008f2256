namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>Invalid: grain methods are named by name alone, so overloads are rejected.</summary>
public interface IOverloadedGrain : IGrainWithStringKey
{
    Task Run();

    Task Run(int times);
}

namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>Invalid: a grain method must return Task or Task&lt;T&gt;.</summary>
public interface INonTaskGrain : IGrainWithStringKey
{
    int GetValue();
}

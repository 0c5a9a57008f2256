namespace Crawler.Runtime.Tests.TestGrains;

public interface IReentrantStateGrain : IGrainWithStringKey
{
    Task Add(int amount);

    Task<int> GetValue();

    Task Deactivate();
}

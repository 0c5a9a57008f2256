namespace Crawler.Runtime.Tests.TestGrains;

public sealed class PageGrain : Grain, IPageGrain
{
    public Task<string> Where() => Task.FromResult(SiloId);
}

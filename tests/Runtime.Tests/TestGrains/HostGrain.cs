namespace Crawler.Runtime.Tests.TestGrains;

public sealed class HostGrain : Grain, IHostGrain
{
    public Task<string> Where() => Task.FromResult(SiloId);
}

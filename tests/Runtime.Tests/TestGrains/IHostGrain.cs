namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>Keyed by host; its key is its affinity key.</summary>
public interface IHostGrain : IGrainWithStringKey
{
    Task<string> Where();
}

namespace Crawler.Runtime.Tests.TestGrains;

/// <summary>Keyed "host/path"; placed by its host, next to that host's <see cref="IHostGrain"/>.</summary>
[AffinityKey(typeof(HostAffinity))]
public interface IPageGrain : IGrainWithStringKey
{
    Task<string> Where();
}

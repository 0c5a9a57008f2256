namespace Crawler.Runtime.Tests.Substrate.InMemory;

/// <summary>Messages shaped as the crawler's: a link found on a page. No grain class implements it; only its methods are used.</summary>
public interface ILinkGrain : IGrainWithStringKey
{
    [OneWay]
    Task Follow(Link link, CancellationToken cancellationToken = default);

    /// <summary>An argument of an interface type is written as an empty object and cannot be read back.</summary>
    [OneWay]
    Task Compare(IComparable value);
}

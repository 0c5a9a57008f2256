namespace Crawler.Runtime.Tests.TestGrains;

public interface IReentrantGrain : IGrainWithStringKey
{
    /// <summary>Awaits until <see cref="Release"/> is called on the same grain.</summary>
    Task<string> WaitForRelease();

    Task Release();

    Task Fail();

    /// <summary>
    /// Waits until <paramref name="participants"/> calls are inside the grain at once (only possible when turns
    /// interleave), checking at every step that no two turns execute at the same instant.
    /// </summary>
    Task<int> Interleave(int participants);
}

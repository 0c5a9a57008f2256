namespace Crawler.SyntheticSite.Tests.Hostile;

/// <summary>A clock that always reads the same instant, for the server's HTTP-dates.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

namespace Crawler.Silo.Dashboard;

/// <summary>A host's politeness state as its grain holds it on the silo named, read outside the grain's turns.</summary>
public sealed record HostView(
    string Host,
    string Silo,
    int InFlight,
    int Waiting,
    long Fetches,
    long Errors,
    double ErrorRate,
    double DelayMs,
    DateTimeOffset NotBefore,
    string Robots,
    string Circuit);

namespace Crawler.Grains.Interfaces;

public sealed record HostStatus(string Host, int InFlight, int Waiting, long Fetches);

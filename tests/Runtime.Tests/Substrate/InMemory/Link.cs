namespace Crawler.Runtime.Tests.Substrate.InMemory;

public sealed record Link(int Depth, string? Parent, IReadOnlyList<string>? Chain = null);

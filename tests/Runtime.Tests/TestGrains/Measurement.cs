namespace Crawler.Runtime.Tests.TestGrains;

public sealed record Measurement(double Value);

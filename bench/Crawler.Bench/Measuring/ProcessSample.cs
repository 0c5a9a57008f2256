namespace Crawler.Bench.Measuring;

/// <summary>One reading of a running process from /proc: CPU so far (user + system), resident memory now and its peak.</summary>
public sealed record ProcessSample(TimeSpan Cpu, long RssBytes, long PeakRssBytes);

using Crawler.Bench.Measuring;

namespace Crawler.Bench.Frontier;

/// <summary>The job's queue and pages done, and its process's CPU and memory, read together at one moment of the crawl.</summary>
public sealed record FrontierSample(TimeSpan At, long Queued, long Done, ProcessSample Process);

using Polly;
using Polly.CircuitBreaker;

namespace Crawler.Grains.Fetching;

/// <summary>The retry and circuit-breaker pipeline of one origin, with the view of its circuit.</summary>
internal sealed record HostPipeline(ResiliencePipeline<FetchAttempt> Pipeline, CircuitBreakerStateProvider Circuit);

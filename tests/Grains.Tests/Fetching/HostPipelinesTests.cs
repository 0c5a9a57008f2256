using Crawler.Grains.Fetching;
using Polly;
using Polly.CircuitBreaker;

namespace Crawler.Grains.Tests.Fetching;

public sealed class HostPipelinesTests
{
    private readonly Dictionary<string, CircuitBreakerManualControl> _controls = new(StringComparer.Ordinal);

    private HostPipeline Create(string origin)
    {
        var circuit = new CircuitBreakerStateProvider();
        var control = new CircuitBreakerManualControl();
        _controls[origin] = control;
        var pipeline = new ResiliencePipelineBuilder<FetchAttempt>()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<FetchAttempt> { StateProvider = circuit, ManualControl = control })
            .Build();
        return new HostPipeline(pipeline, circuit);
    }

    [Fact]
    public void For_SameOrigin_GivesTheSamePipeline()
    {
        var pipelines = new HostPipelines(Create);

        Assert.Same(pipelines.For("http://a:80"), pipelines.For("http://a:80"));
        Assert.NotSame(pipelines.For("http://a:80"), pipelines.For("http://b:80"));
    }

    [Fact]
    public async Task For_PastTheBound_DropsClosedCircuitsAndKeepsOpenOnes()
    {
        var pipelines = new HostPipelines(Create, maxHosts: 2);
        pipelines.For("http://open:80");
        pipelines.For("http://closed:80");
        await _controls["http://open:80"].IsolateAsync();

        pipelines.For("http://new:80");

        Assert.Equal(CircuitState.Isolated, pipelines.StateOf("http://open:80"));
        Assert.Null(pipelines.StateOf("http://closed:80"));
        Assert.Equal(CircuitState.Closed, pipelines.StateOf("http://new:80"));
        Assert.Equal(2, pipelines.Count);
    }
}

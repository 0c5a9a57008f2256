using Crawler.Runtime.Placement;
using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Placement;

public sealed class GrainTypeRegistryTests
{
    [Fact]
    public void Add_ValidEmittedGrain_IsRegistered()
    {
        // The control for the rejections below: the emitted class itself is acceptable.
        var registry = new GrainTypeRegistry();
        var grainClass = DynamicGrainClass.Implementing(typeof(IHostGrain));

        registry.Add(grainClass);

        Assert.Same(grainClass, registry.ForInterface(typeof(IHostGrain)).GrainClass);
    }

    [Theory]
    [InlineData(typeof(IOverloadedGrain), "overloaded")]
    [InlineData(typeof(INonTaskGrain), "must return Task")]
    [InlineData(typeof(IOneWayWithResultGrain), "[OneWay] method must return Task")]
    public void Add_InvalidGrainInterface_IsRejectedAndNotRegistered(Type grainInterface, string reason)
    {
        var registry = new GrainTypeRegistry();
        var grainClass = DynamicGrainClass.Implementing(grainInterface);

        var error = Assert.Throws<InvalidOperationException>(() => registry.Add(grainClass));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(registry.Types);
        Assert.Throws<InvalidOperationException>(() => registry.ForInterface(grainInterface));
    }

    [Fact]
    public void AddAssembly_TestGrains_RegistersEachByClassNameAndInterface()
    {
        var registry = new GrainTypeRegistry().AddAssembly(typeof(TestProbe).Assembly);

        var info = registry.ForInterface(typeof(IReentrantGrain));

        Assert.Equal(nameof(ReentrantGrain), info.Name);
        Assert.True(info.IsReentrant);
        Assert.False(registry.ForInterface(typeof(ICounterGrain)).IsReentrant);
        Assert.Same(info, registry.ForName(nameof(ReentrantGrain)));
    }
}

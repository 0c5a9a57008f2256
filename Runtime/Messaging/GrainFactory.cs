using System.Collections.Concurrent;
using System.Reflection;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;

namespace Crawler.Runtime.Messaging;

internal sealed class GrainFactory(GrainCaller caller, GrainTypeRegistry registry) : IGrainFactory
{
    // One proxy made by DispatchProxy per interface; every other is a copy of it. DispatchProxy.Create constructs
    // through reflection, which emits a fresh invoker (a dynamic method) often enough that their finalizers took a
    // tenth of a crawl's CPU; a copy costs an allocation.
    private readonly ConcurrentDictionary<Type, GrainProxy> _prototypes = new();

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var type = registry.ForInterface(typeof(TGrainInterface));
        var prototype = _prototypes.GetOrAdd(typeof(TGrainInterface), static _ => (GrainProxy)(object)DispatchProxy.Create<TGrainInterface, GrainProxy>());
        return (TGrainInterface)(object)prototype.CopyFor(new GrainId(type.Name, key), caller);
    }
}

using System.Reflection;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Placement;

namespace Crawler.Runtime.Messaging;

internal sealed class GrainFactory(GrainCaller caller, GrainTypeRegistry registry) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var type = registry.ForInterface(typeof(TGrainInterface));
        var proxy = DispatchProxy.Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)proxy).Initialize(new GrainId(type.Name, key), caller);
        return proxy;
    }
}

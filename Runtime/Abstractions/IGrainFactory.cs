namespace Crawler.Runtime;

/// <summary>Returns proxies to grains; the grain is activated on first message, wherever its partition lives.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;
}

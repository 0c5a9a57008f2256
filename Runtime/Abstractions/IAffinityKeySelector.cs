namespace Crawler.Runtime;

/// <summary>Maps a grain key to the key that decides its partition, so related grains share a silo.</summary>
public interface IAffinityKeySelector
{
    string GetAffinityKey(string grainKey);
}

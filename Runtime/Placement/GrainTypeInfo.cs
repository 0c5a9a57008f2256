namespace Crawler.Runtime.Placement;

/// <summary>What the runtime knows about one grain class.</summary>
public sealed record GrainTypeInfo(string Name, Type GrainClass, IAffinityKeySelector? AffinitySelector, bool IsReentrant)
{
    public string AffinityKeyOf(string grainKey) => AffinitySelector?.GetAffinityKey(grainKey) ?? grainKey;
}

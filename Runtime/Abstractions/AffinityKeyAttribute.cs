namespace Crawler.Runtime;

/// <summary>
/// Declares on a grain interface how its keys map to an affinity key; grains whose affinity keys are equal
/// land in one partition. Without it, the grain key itself is the affinity key.
/// </summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class AffinityKeyAttribute(Type selectorType) : Attribute
{
    public Type SelectorType { get; } = selectorType;
}

namespace Crawler.Runtime;

/// <summary>Names a grain class's type in grain ids and storage; it must stay stable across releases.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

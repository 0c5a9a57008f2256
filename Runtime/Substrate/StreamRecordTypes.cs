using System.Collections.Frozen;
using System.Reflection;
using Crawler.Runtime.Placement;

namespace Crawler.Runtime.Substrate;

/// <summary>
/// The types a stream record may have, whatever the substrate: those a durable substrate can name and safely
/// instantiate again, that is a few primitives and the non-generic types of the grain assemblies and the runtime.
/// A grain's append is checked against it (<see cref="Grain.AppendToStream"/>), so a record that could not be stored
/// fails the turn that appends it, not a commit that other turns share.
/// </summary>
internal static class StreamRecordTypes
{
    private static readonly FrozenDictionary<string, Type> Primitives = new[]
    {
        typeof(string), typeof(bool), typeof(byte), typeof(short), typeof(int), typeof(long), typeof(float), typeof(double),
        typeof(decimal), typeof(Guid), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(DateOnly), typeof(TimeOnly),
    }.ToFrozenDictionary(NameOf, StringComparer.Ordinal);

    private static readonly Assembly RuntimeAssembly = typeof(Grain).Assembly;

    /// <summary>The name a record's type is stored under: its full name and its assembly's simple name.</summary>
    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static bool TryGetPrimitive(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        Primitives.TryGetValue(name, out type);

    /// <summary>The runtime's assembly and the grain assemblies, where record types may come from.</summary>
    public static IEnumerable<Assembly> Assemblies(GrainTypeRegistry registry) => registry.Assemblies.Append(RuntimeAssembly);

    public static bool IsAllowed(Type type, GrainTypeRegistry registry) =>
        Primitives.ContainsKey(NameOf(type))
        || (!type.IsGenericType && !type.IsArray && !type.IsPointer && !type.IsByRef && !typeof(Delegate).IsAssignableFrom(type)
            && (type.Assembly == RuntimeAssembly || registry.Assemblies.Contains(type.Assembly)));

    /// <summary>The stored name of <paramref name="type"/>; throws for a type a record may not have.</summary>
    public static string RequireAllowed(Type type, GrainTypeRegistry registry) =>
        IsAllowed(type, registry)
            ? NameOf(type)
            : throw new NotSupportedException(
                $"Stream records of type {type.FullName} cannot be stored: only non-generic types of the grain assemblies or the runtime, and primitives, can.");
}

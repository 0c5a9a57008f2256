using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Placement;

/// <summary>
/// Knows every grain class of the application: which interface it implements, the stable type name it is
/// stored under, and how its keys map to affinity keys.
/// </summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainTypeInfo> _byInterface = [];
    private readonly Dictionary<string, GrainTypeInfo> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GrainMethod> _methods = new(StringComparer.Ordinal);
    private readonly HashSet<Assembly> _assemblies = [];

    public IReadOnlyCollection<GrainTypeInfo> Types => _byName.Values;

    /// <summary>Registers every concrete <see cref="Grain"/> class found in the assemblies.</summary>
    public GrainTypeRegistry AddAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes())
        {
            if (type is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(type))
            {
                Add(type);
            }
        }

        return this;
    }

    public GrainTypeRegistry Add(Type grainClass)
    {
        ArgumentNullException.ThrowIfNull(grainClass);
        if (!typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsAbstract)
        {
            throw new ArgumentException($"{grainClass.FullName} is not a concrete Grain class.", nameof(grainClass));
        }

        var name = grainClass.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? grainClass.Name;
        var interfaces = grainClass.GetInterfaces()
            .Where(i => i != typeof(IGrainWithStringKey) && typeof(IGrainWithStringKey).IsAssignableFrom(i))
            .ToArray();
        if (interfaces.Length == 0)
        {
            throw new ArgumentException($"{grainClass.FullName} implements no grain interface.", nameof(grainClass));
        }

        var selectors = interfaces
            .Select(i => i.GetCustomAttribute<AffinityKeyAttribute>()?.SelectorType)
            .Where(t => t is not null)
            .Distinct()
            .ToArray();
        if (selectors.Length > 1)
        {
            throw new ArgumentException($"{grainClass.FullName} has interfaces that disagree on the affinity key.", nameof(grainClass));
        }

        var selector = selectors.Length == 1
            ? (IAffinityKeySelector)Activator.CreateInstance(selectors[0]!)!
            : null;
        var info = new GrainTypeInfo(name, grainClass, selector, grainClass.IsDefined(typeof(ReentrantAttribute), inherit: true));
        if (_byName.TryGetValue(name, out var existing) && existing.GrainClass != grainClass)
        {
            throw new ArgumentException($"Grain type name '{name}' is used by {existing.GrainClass.FullName} and {grainClass.FullName}.", nameof(grainClass));
        }

        // Validate every interface before registering anything, so a rejected class leaves no trace.
        foreach (var grainInterface in interfaces)
        {
            GrainMethod.ValidateInterface(grainInterface);
        }

        _byName[name] = info;
        _assemblies.Add(grainClass.Assembly);
        foreach (var grainInterface in interfaces)
        {
            _byInterface[grainInterface] = info;
            _assemblies.Add(grainInterface.Assembly);
            foreach (var method in grainInterface.GetMethods())
            {
                var grainMethod = GrainMethod.For(method);
                _methods[grainMethod.Id] = grainMethod;
            }
        }

        return this;
    }

    /// <summary>Assemblies of the registered grain classes and their grain interfaces.</summary>
    internal IReadOnlyCollection<Assembly> Assemblies => _assemblies;

    /// <summary>A method of a registered grain interface by its <see cref="GrainMethod.Id"/>, as durable messages name it.</summary>
    internal bool TryGetMethod(string methodId, [MaybeNullWhen(false)] out GrainMethod method) =>
        _methods.TryGetValue(methodId, out method);

    public GrainTypeInfo ForInterface(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var info)
            ? info
            : throw new InvalidOperationException($"No grain class implements {grainInterface.FullName}; register its assembly with the silo.");

    public GrainTypeInfo ForName(string typeName) =>
        _byName.TryGetValue(typeName, out var info)
            ? info
            : throw new InvalidOperationException($"Unknown grain type '{typeName}'.");
}

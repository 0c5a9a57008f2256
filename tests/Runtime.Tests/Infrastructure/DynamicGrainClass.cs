using System.Reflection;
using System.Reflection.Emit;

namespace Crawler.Runtime.Tests.Infrastructure;

/// <summary>
/// Emits a concrete <see cref="Grain"/> class for a grain interface, in its own dynamic assembly. Invalid grain
/// interfaces need a class to register, and one compiled into this assembly would break every TestCluster,
/// which registers all grain classes of the assembly.
/// </summary>
public static class DynamicGrainClass
{
    public static Type Implementing(Type grainInterface)
    {
        ArgumentNullException.ThrowIfNull(grainInterface);
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"DynamicGrains_{Guid.NewGuid():N}"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Grains");
        var type = module.DefineType(
            $"Emitted{grainInterface.Name}",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class,
            typeof(Grain),
            [grainInterface]);
        type.DefineDefaultConstructor(MethodAttributes.Public);
        var notSupported = typeof(NotSupportedException).GetConstructor(Type.EmptyTypes)!;
        var index = 0;
        foreach (var method in grainInterface.GetMethods())
        {
            var implementation = type.DefineMethod(
                $"{grainInterface.Name}.{method.Name}.{index++}",
                MethodAttributes.Private | MethodAttributes.HideBySig | MethodAttributes.NewSlot | MethodAttributes.Virtual | MethodAttributes.Final,
                method.ReturnType,
                [.. method.GetParameters().Select(p => p.ParameterType)]);
            var il = implementation.GetILGenerator();
            il.Emit(OpCodes.Newobj, notSupported);
            il.Emit(OpCodes.Throw);
            type.DefineMethodOverride(implementation, method);
        }

        return type.CreateType();
    }
}

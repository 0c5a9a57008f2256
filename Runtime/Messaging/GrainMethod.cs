using System.Collections.Concurrent;
using System.Reflection;

namespace Crawler.Runtime.Messaging;

/// <summary>
/// One method of a grain interface, described once and cached: how to call it on a grain, whether it is a
/// durable one-way message, and how to turn its untyped result back into the caller's <c>Task&lt;T&gt;</c>.
/// </summary>
public sealed class GrainMethod
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethod> Cache = new();
    private static readonly MethodInfo CastMethod =
        typeof(GrainMethod).GetMethod(nameof(CastAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly MethodInvoker _invoker;
    private readonly Func<Task, object?> _readResult;
    private readonly Func<Task<object?>, Task>? _toTypedTask;

    private GrainMethod(MethodInfo method)
    {
        Method = method;
        Id = $"{method.DeclaringType!.FullName}.{method.Name}";
        IsOneWay = method.IsDefined(typeof(OneWayAttribute), inherit: false);
        var parameters = method.GetParameters();
        ParameterTypes = parameters.Select(p => p.ParameterType).ToArray();
        CancellationTokenIndex = parameters.Length > 0 && parameters[^1].ParameterType == typeof(CancellationToken)
            ? parameters.Length - 1
            : -1;
        _invoker = MethodInvoker.Create(method);

        var returnType = method.ReturnType;
        if (returnType == typeof(Task))
        {
            ResultType = null;
            _readResult = static _ => null;
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            if (IsOneWay)
            {
                throw new InvalidOperationException($"{Id}: a [OneWay] method must return Task, not Task<T>.");
            }

            ResultType = returnType.GetGenericArguments()[0];
            var resultProperty = returnType.GetProperty(nameof(Task<int>.Result))!;
            _readResult = task => resultProperty.GetValue(task);
            _toTypedTask = CastMethod.MakeGenericMethod(ResultType).CreateDelegate<Func<Task<object?>, Task>>();
        }
        else
        {
            throw new InvalidOperationException($"{Id}: grain methods must return Task or Task<T>.");
        }
    }

    public MethodInfo Method { get; }

    /// <summary>Interface full name and method name: how the method is named in durable messages.</summary>
    public string Id { get; }

    public bool IsOneWay { get; }

    public Type? ResultType { get; }

    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>Index of a trailing <see cref="CancellationToken"/> parameter, or -1.</summary>
    public int CancellationTokenIndex { get; }

    public static GrainMethod For(MethodInfo method) => Cache.GetOrAdd(method, static m => new GrainMethod(m));

    /// <summary>Validates every method of a grain interface up front, so a bad interface fails at silo start.</summary>
    public static void ValidateInterface(Type grainInterface)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in grainInterface.GetMethods())
        {
            if (!names.Add(method.Name))
            {
                throw new InvalidOperationException($"{grainInterface.FullName}.{method.Name}: grain methods cannot be overloaded.");
            }

            _ = For(method);
        }
    }

    /// <summary>Calls the method on a grain; the token, if the method takes one, is the activation's.</summary>
    public async Task<object?> InvokeAsync(object grain, object?[] arguments, CancellationToken cancellationToken)
    {
        if (CancellationTokenIndex >= 0)
        {
            arguments = (object?[])arguments.Clone();
            arguments[CancellationTokenIndex] = cancellationToken;
        }

        var task = (Task)_invoker.Invoke(grain, new Span<object?>(arguments))!;
        await task.ConfigureAwait(false);
        return _readResult(task);
    }

    /// <summary>Turns an untyped result task into the <c>Task&lt;T&gt;</c> the interface promises.</summary>
    public object ToTypedTask(Task<object?> untyped) => _toTypedTask is null ? untyped : _toTypedTask(untyped);

    private static async Task<T> CastAsync<T>(Task<object?> untyped) => (T)(await untyped.ConfigureAwait(false))!;
}

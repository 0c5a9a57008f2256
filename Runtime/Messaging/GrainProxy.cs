using System.Reflection;
using Crawler.Runtime.Hosting;

namespace Crawler.Runtime.Messaging;

/// <summary>
/// The object behind a grain interface: each call becomes a message. Orleans generates these at build time;
/// <see cref="DispatchProxy"/> makes them at run time, which is enough here.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private GrainId _grain;
    private GrainCaller? _caller;

    public GrainId GrainId => _grain;

    /// <summary>A proxy of the same interface for another grain: a shallow copy of this one, aimed at <paramref name="grain"/>.</summary>
    internal GrainProxy CopyFor(GrainId grain, GrainCaller caller)
    {
        var copy = (GrainProxy)MemberwiseClone();
        copy._grain = grain;
        copy._caller = caller;
        return copy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = GrainMethod.For(targetMethod);
        var arguments = args ?? [];
        var cancellationToken = method.CancellationTokenIndex >= 0
            ? (CancellationToken)arguments[method.CancellationTokenIndex]!
            : CancellationToken.None;
        if (method.IsOneWay)
        {
            return _caller!.SendOneWayAsync(_grain, method, arguments, cancellationToken);
        }

        return method.ToTypedTask(_caller!.CallAsync(_grain, method, arguments, cancellationToken));
    }
}

using System.Collections.Concurrent;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;
using Crawler.Runtime.Transport;

namespace Crawler.Runtime.Tests.Infrastructure;

/// <summary>
/// A transport to silos that do not exist: each call is recorded and answered by the script given for its silo
/// (a silo without one never answers, as a paused process does), so routing can be tested without a network.
/// </summary>
public sealed class ScriptedTransport : ISiloTransport
{
    private readonly ConcurrentDictionary<string, Func<GrainId, Task<object?>>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string SiloId, GrainId Grain)> _calls = new();
    private readonly ConcurrentQueue<string> _cancelled = new();

    /// <summary>Silo ids called, in order.</summary>
    public IReadOnlyList<string> Called => [.. _calls.Select(c => c.SiloId)];

    /// <summary>Silo ids whose call the caller gave up on.</summary>
    public IReadOnlyList<string> Cancelled => [.. _cancelled];

    public void Answer(string siloId, Func<GrainId, Task<object?>> script) => _scripts[siloId] = script;

    public async Task<object?> InvokeAsync(SiloRecord silo, GrainId grain, int partition, GrainMethod method, IReadOnlyList<object?> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        _calls.Enqueue((silo.SiloId, grain));
        if (_scripts.TryGetValue(silo.SiloId, out var script))
        {
            return await script(grain);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }
        catch (OperationCanceledException)
        {
            _cancelled.Enqueue(silo.SiloId);
            throw;
        }
    }
}

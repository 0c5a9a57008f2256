using System.Text.Json;

namespace Crawler.Runtime;

/// <summary>
/// A grain with persistent state kept in the substrate, so an activation on another silo finds it.
/// <see cref="WriteStateAsync"/> stages the state into the current turn, which commits it together with the
/// messages the turn sent (outbox); a turn that throws commits nothing.
/// </summary>
public abstract class Grain<TState> : Grain
    where TState : class, new()
{
    protected TState State { get; set; } = new();

    protected Task WriteStateAsync()
    {
        StageState(JsonSerializer.SerializeToUtf8Bytes(State, RuntimeJson.Options), clear: false);
        return Task.CompletedTask;
    }

    protected Task ClearStateAsync()
    {
        State = new TState();
        StageState(null, clear: true);
        return Task.CompletedTask;
    }

    internal override void RestoreState(byte[]? state) =>
        State = state is null ? new TState() : JsonSerializer.Deserialize<TState>(state, RuntimeJson.Options) ?? new TState();
}

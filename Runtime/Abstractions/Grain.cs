using System.Text.Json;
using Crawler.Runtime.Catalog;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;

namespace Crawler.Runtime;

/// <summary>
/// Base class of every grain, as in Orleans: the runtime creates it on the first message, calls
/// <see cref="OnActivateAsync"/>, runs its turns one at a time, and calls <see cref="OnDeactivateAsync"/>
/// when it has been idle or its partition moves.
/// </summary>
public abstract class Grain
{
    private Activation? _activation;

    public GrainId GrainId => Activation.Id;

    /// <summary>Proxies to other grains; calls made from a turn are sent when the turn commits.</summary>
    protected IGrainFactory GrainFactory => Activation.Runtime.GrainFactory;

    /// <summary>The clock the silo runs on; tests give it a fake one.</summary>
    protected TimeProvider TimeProvider => Activation.Runtime.TimeProvider;

    /// <summary>Id of the silo this activation lives on.</summary>
    protected string SiloId => Activation.Runtime.SiloId;

    private Activation Activation =>
        _activation ?? throw new InvalidOperationException("This grain is not activated by the runtime; get it through IGrainFactory.");

    public string GetPrimaryKeyString() => GrainId.Key;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A durable message to this grain failed every attempt and is given up: this turn (on a fresh activation, with
    /// the committed state) may record that, and its effects commit with the message's acknowledgement, so whoever
    /// counts on an answer is not left waiting. Should it fail too, the message is dropped without effects.
    /// </summary>
    public virtual Task OnMessageDroppedAsync(DroppedMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this grain once the current turn ends and its queue is empty.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation();

    /// <summary>
    /// Appends a record to a durable stream when the current turn commits. Throws here, in the turn, for a record
    /// that could not be stored: of a type no substrate may store (see <see cref="StreamRecordTypes"/>), or not
    /// writable as JSON.
    /// </summary>
    protected void AppendToStream(string stream, object record)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(record);
        var turn = TurnContext.RequireFor(Activation);
        var type = record.GetType();
        turn.Appends.Add(new StreamAppend(stream, record)
        {
            TypeName = StreamRecordTypes.RequireAllowed(type, Activation.Runtime.Registry),
            Json = JsonSerializer.Serialize(record, type, RuntimeJson.Options),
        });
    }

    internal void Attach(Activation activation) => _activation = activation;

    /// <summary>Restores persisted state when the activation starts; a stateless grain has none.</summary>
    internal virtual void RestoreState(byte[]? state)
    {
    }

    private protected void StageState(byte[]? state, bool clear)
    {
        var turn = TurnContext.RequireFor(Activation);
        turn.State = state;
        turn.ClearState = clear;
        turn.StateWritten = true;
    }
}

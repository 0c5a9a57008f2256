using Crawler.Runtime.Catalog;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate;

namespace Crawler.Runtime;

/// <summary>What one turn of one activation has staged so far; it flows with the turn's async calls.</summary>
internal sealed class TurnContext(Activation activation)
{
    private static readonly AsyncLocal<TurnContext?> CurrentTurn = new();

    public static TurnContext? Current
    {
        get => CurrentTurn.Value;
        set => CurrentTurn.Value = value;
    }

    public Activation Activation { get; } = activation;

    public List<Envelope> Outgoing { get; } = [];

    public List<StreamAppend> Appends { get; } = [];

    public bool StateWritten { get; set; }

    public byte[]? State { get; set; }

    public bool ClearState { get; set; }

    public bool HasEffects => StateWritten || Outgoing.Count > 0 || Appends.Count > 0;

    public static TurnContext RequireFor(Activation activation) =>
        Current is { } turn && ReferenceEquals(turn.Activation, activation)
            ? turn
            : throw new InvalidOperationException("State and stream writes are only allowed inside one of this grain's turns.");
}

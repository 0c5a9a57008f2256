namespace Crawler.Runtime;

/// <summary>
/// A durable message whose turns kept failing, as the grain hears of it in <see cref="Grain.OnMessageDroppedAsync"/>:
/// the method it named (<c>Interface.FullName.Method</c>), its arguments, the last error and how many turns it had.
/// </summary>
public sealed record DroppedMessage(string Method, IReadOnlyList<object?> Arguments, Exception Error, int Attempts);

namespace Crawler.Runtime;

/// <summary>
/// Marks a <see cref="Task"/>-returning grain method as a durable one-way message: it goes to the target
/// partition's mailbox and, sent from inside a turn, commits together with that turn's state (outbox).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;

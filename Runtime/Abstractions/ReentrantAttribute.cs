namespace Crawler.Runtime;

/// <summary>
/// Lets turns of one activation interleave at their awaits. They still never run in parallel:
/// every turn runs on the activation's own exclusive scheduler.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute;

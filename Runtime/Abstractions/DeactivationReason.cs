namespace Crawler.Runtime;

public enum DeactivationReason
{
    /// <summary>The activation was idle longer than the collection age.</summary>
    Idle,

    /// <summary>The grain asked for it with <c>DeactivateOnIdle</c>.</summary>
    Requested,

    /// <summary>Its partition is handed to another silo, or the silo shuts down.</summary>
    PartitionHandover,
}

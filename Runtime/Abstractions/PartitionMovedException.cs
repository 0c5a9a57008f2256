namespace Crawler.Runtime;

/// <summary>The partition moved to another silo before the call could commit; calling again reaches the new owner.</summary>
public sealed class PartitionMovedException : Exception
{
    public PartitionMovedException()
    {
    }

    public PartitionMovedException(string message)
        : base(message)
    {
    }

    public PartitionMovedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PartitionMovedException(int partition)
        : base($"Partition {partition} is no longer owned by this silo.")
    {
        Partition = partition;
    }

    public int? Partition { get; }
}

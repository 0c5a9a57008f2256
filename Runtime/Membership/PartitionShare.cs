namespace Crawler.Runtime.Membership;

/// <summary>How many partitions each active silo should hold: an even share, the remainder to the first ids.</summary>
internal static class PartitionShare
{
    public static int TargetFor(string siloId, IReadOnlyList<string> activeSilos, int partitionCount)
    {
        var ordered = activeSilos.Order(StringComparer.Ordinal).ToList();
        var index = ordered.IndexOf(siloId);
        if (index < 0)
        {
            return 0;
        }

        var baseShare = partitionCount / ordered.Count;
        return baseShare + (index < partitionCount % ordered.Count ? 1 : 0);
    }
}

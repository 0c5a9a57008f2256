namespace Crawler.Grains.Interfaces;

/// <summary>Names of a job's durable streams.</summary>
public static class JobStreams
{
    public static string Results(string jobId) => $"results/{jobId}";
}

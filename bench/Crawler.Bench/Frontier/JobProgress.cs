using System.Text.Json;

namespace Crawler.Bench.Frontier;

/// <summary>What the frontier scenario reads of a job's status (the gateway's and the dashboard's JSON alike).</summary>
public sealed record JobProgress(long Queued, long Done, bool Finished)
{
    public static JobProgress Parse(JsonElement status)
    {
        var state = status.GetProperty("state").GetString();
        return new JobProgress(status.GetProperty("queued").GetInt64(), status.GetProperty("done").GetInt64(), state is "completed" or "cancelled");
    }
}

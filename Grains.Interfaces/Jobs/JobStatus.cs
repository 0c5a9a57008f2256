namespace Crawler.Grains.Interfaces;

/// <summary>A job's progress as its grain counts it.</summary>
public sealed record JobStatus
{
    public required string JobId { get; init; }

    public JobState State { get; init; }

    /// <summary>Distinct URLs accepted into the job.</summary>
    public long Discovered { get; init; }

    /// <summary>
    /// URLs finished with a result line: fetched (any status, or a fetch error), or not fetched because robots.txt or a
    /// spider-trap guard refused them (the result's error says which).
    /// </summary>
    public long Done { get; init; }

    /// <summary>Fetches that ended in an error (no HTTP status) or a 5xx.</summary>
    public long Failed { get; init; }

    /// <summary>URLs accepted but not fetched and not recorded: the job was cancelled or reached its page limit.</summary>
    public long Skipped { get; init; }

    /// <summary>URLs waiting: discovered and not yet fetching, plus links sent and not yet deduplicated.</summary>
    public long Queued { get; init; }

    public long InFlight { get; init; }

    /// <summary>Times a URL got in line again because its host was busy or the job was paused.</summary>
    public long Requeued { get; init; }

    public long Bytes { get; init; }

    public IReadOnlyDictionary<int, long> StatusCodes { get; init; } = new Dictionary<int, long>();

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public bool IsFinished => State is JobState.Completed or JobState.Cancelled;
}

namespace Crawler.Grains.Interfaces;

public enum JobState
{
    /// <summary>No job with this id was started.</summary>
    Unknown,
    Running,
    Completed,
    Cancelled,

    /// <summary>Fetching is held: pages in flight finish, queued URLs wait until the job is resumed or cancelled.</summary>
    Paused,
}

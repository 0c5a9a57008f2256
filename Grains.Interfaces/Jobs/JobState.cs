namespace Crawler.Grains.Interfaces;

public enum JobState
{
    /// <summary>No job with this id was started.</summary>
    Unknown,
    Running,
    Completed,
    Cancelled,
}

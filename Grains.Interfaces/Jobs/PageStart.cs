namespace Crawler.Grains.Interfaces;

/// <summary>A job's answer to a URL about to fetch.</summary>
public enum PageStart
{
    /// <summary>Fetch now; the page is counted against the job's limit.</summary>
    Go,

    /// <summary>Do not fetch: the job was cancelled, ended or reached its page limit. The URL is skipped.</summary>
    Skip,

    /// <summary>The job is paused: release the host's slot, wait, and get in line again.</summary>
    Wait,
}

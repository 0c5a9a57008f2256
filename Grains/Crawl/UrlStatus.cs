namespace Crawler.Grains.Crawl;

public enum UrlStatus
{
    /// <summary>Never discovered in this job: the next discovery fetches it.</summary>
    New,

    /// <summary>Fetched (with any outcome); its result is recorded.</summary>
    Done,

    /// <summary>Accepted but not fetched: the job was cancelled or at its page limit.</summary>
    Skipped,
}

using Microsoft.Extensions.Logging;

namespace Crawler.Grains.Hosts;

public sealed partial class HostGrain
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Sitemaps of {Host} gave job {JobId} {Count} URLs")]
        public static partial void SitemapsRead(ILogger logger, string host, string jobId, int count);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Sitemaps of {Host} for job {JobId}: {Problem}")]
        public static partial void SitemapProblem(ILogger logger, string host, string jobId, string problem);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Reading the sitemaps of {Host} for job {JobId} failed; the job goes on without the rest")]
        public static partial void SitemapsFailed(ILogger logger, Exception exception, string host, string jobId);

        [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Sitemaps of {Host} asked for unknown job {JobId}; ignored")]
        public static partial void SitemapsForUnknownJob(ILogger logger, string host, string jobId);

        [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "A fetch slot of {Host} was not given back within {Hold}; taken back (its holder was likely lost with its silo)")]
        public static partial void SlotTakenBack(ILogger logger, string host, TimeSpan hold);
    }
}

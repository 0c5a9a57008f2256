using Microsoft.Extensions.Logging;

namespace Crawler.Grains.Crawl;

public sealed partial class UrlGrain
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Processing {Url} failed; recorded as an error")]
        public static partial void ProcessingFailed(ILogger logger, Exception exception, string url);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Discovery for unknown job {JobId} ignored")]
        public static partial void UnknownJob(ILogger logger, string jobId);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Archiving {Url} to {Path} failed; recorded on its result")]
        public static partial void ArchiveFailed(ILogger logger, Exception exception, string url, string path);
    }
}

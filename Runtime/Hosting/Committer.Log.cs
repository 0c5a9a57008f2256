using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Hosting;

internal sealed partial class Committer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Committing {Count} turns failed; retrying in {Delay}")]
        public static partial void CommitRetrying(ILogger logger, Exception exception, int count, TimeSpan delay);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Critical, Message = "The commit loop stopped")]
        public static partial void CommitLoopFailed(ILogger logger, Exception exception);
    }
}

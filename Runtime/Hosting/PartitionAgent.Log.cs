using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Hosting;

internal sealed partial class PartitionAgent
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Reading the mailbox of partition {Partition} failed; giving the partition up")]
        public static partial void PumpFailed(ILogger logger, Exception exception, int partition);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Releasing partition {Partition} after a failed read failed; retrying in {Delay}")]
        public static partial void ReleaseRetrying(ILogger logger, Exception exception, int partition, TimeSpan delay);
    }
}

using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Hosting;

internal sealed partial class PartitionAgent
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Reading the mailbox of partition {Partition} failed; giving the partition up")]
        public static partial void PumpFailed(ILogger logger, Exception exception, int partition);
    }
}

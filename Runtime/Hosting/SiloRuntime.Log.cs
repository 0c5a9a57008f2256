using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Hosting;

internal sealed partial class SiloRuntime
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Partition {Partition} was fenced at epoch {Epoch}: another silo owns it now")]
        public static partial void PartitionFenced(ILogger logger, int partition, long epoch);
    }
}

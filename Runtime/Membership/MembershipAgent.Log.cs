using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Membership;

internal sealed partial class MembershipAgent
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "Acquired partition {Partition} at epoch {Epoch}")]
        public static partial void PartitionAcquired(ILogger logger, int partition, long epoch);

        [LoggerMessage(EventId = 1402, Level = LogLevel.Debug, Message = "Handed over partition {Partition}")]
        public static partial void PartitionHandedOver(ILogger logger, int partition);

        [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Lease of partition {Partition} could not be renewed; its activations are dropped")]
        public static partial void LeaseLost(ILogger logger, int partition);

        [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Silo {SiloId} missed its heartbeats and is declared dead")]
        public static partial void SiloDeclaredDead(ILogger logger, string siloId);

        [LoggerMessage(EventId = 1405, Level = LogLevel.Warning, Message = "Handing over partition {Partition} timed out; its remaining turns are dropped")]
        public static partial void HandoverTimedOut(ILogger logger, int partition);

        [LoggerMessage(EventId = 1407, Level = LogLevel.Warning, Message = "Handing over partition {Partition} failed; its lease is left to run out")]
        public static partial void HandoverFailed(ILogger logger, Exception exception, int partition);

        [LoggerMessage(EventId = 1406, Level = LogLevel.Warning, Message = "Taking partition {Partition} failed; trying again next period")]
        public static partial void AcquireFailed(ILogger logger, Exception exception, int partition);
    }
}

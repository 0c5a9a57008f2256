using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Substrate.Postgres;

public sealed partial class PostgresSubstrate
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "PostgreSQL substrate on {Connection}: schema version {Version}, {Partitions} partitions")]
        public static partial void Started(ILogger logger, string connection, int version, int partitions);

        [LoggerMessage(EventId = 1602, Level = LogLevel.Debug, Message = "A turn of {Grain} in partition {Partition} that consumed message {Sequence} was committed before; skipped")]
        public static partial void TurnAlreadyCommitted(ILogger logger, GrainId grain, int partition, long sequence);
    }
}

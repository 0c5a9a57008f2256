using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Hosting;

public sealed partial class Silo
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Silo {SiloId} started with {Partitions} partitions")]
        public static partial void Started(ILogger logger, string siloId, int partitions);

        [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Silo {SiloId} stopped")]
        public static partial void Stopped(ILogger logger, string siloId);

        [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Silo {SiloId} was killed")]
        public static partial void Killed(ILogger logger, string siloId);

        [LoggerMessage(EventId = 1504, Level = LogLevel.Error, Message = "Membership tick failed")]
        public static partial void MembershipTickFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1505, Level = LogLevel.Information, Message = "Silo {SiloId} is reachable at {Address}")]
        public static partial void Advertised(ILogger logger, string siloId, string address);
    }
}

using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Transport;

public sealed partial class HttpSiloTransport
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1701, Level = LogLevel.Debug, Message = "Silo {SiloId} at {Address} cannot be reached: {Reason}")]
        public static partial void SiloUnreachable(ILogger logger, string siloId, string address, string reason);
    }
}

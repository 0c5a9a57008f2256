using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Transport;

internal sealed partial class SiloInvokeEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1711, Level = LogLevel.Warning, Message = "Refused a silo call from {Remote}: without a cluster key only loopback callers are served")]
        public static partial void RefusedWithoutKey(ILogger logger, string remote);
    }
}

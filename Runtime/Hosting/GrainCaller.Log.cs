using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Hosting;

internal sealed partial class GrainCaller
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1801, Level = LogLevel.Debug, Message = "Reading the leases to route a grain call failed; retrying until the call's deadline")]
        public static partial void ViewUnavailable(ILogger logger, Exception exception);
    }
}

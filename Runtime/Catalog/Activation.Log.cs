using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Catalog;

internal sealed partial class Activation
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Activating grain {Grain} failed")]
        public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grain);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Turn {Method} of grain {Grain} failed and was rolled back")]
        public static partial void TurnFailed(ILogger logger, Exception exception, GrainId grain, string method);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Deactivating grain {Grain} failed")]
        public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grain);
    }
}

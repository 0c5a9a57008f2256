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

        [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "The {What} of grain {Grain} ended with its partition, which this silo no longer holds; its message goes to the next owner")]
        public static partial void DroppedWithPartition(ILogger logger, GrainId grain, string what);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Message {Method} to grain {Grain} is tried again in {Delay} (attempt {Attempt})")]
        public static partial void MessageRetrying(ILogger logger, GrainId grain, string method, int attempt, TimeSpan delay);

        [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Message {Method} to grain {Grain} failed {Attempts} times and is dropped")]
        public static partial void MessageDropped(ILogger logger, GrainId grain, string method, int attempts);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Loading the state of grain {Grain} failed; retrying in {Delay}")]
        public static partial void StateReadRetrying(ILogger logger, Exception exception, GrainId grain, TimeSpan delay);
    }
}

using Microsoft.Extensions.Logging;

namespace Crawler.Grains.Fetching;

public sealed partial class PageFetcher
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2601, Level = LogLevel.Debug, Message = "Fetch of {Url} failed on attempt {Attempt} ({Reason}); retrying in {Delay}")]
        public static partial void Retrying(ILogger logger, string url, int attempt, string reason, TimeSpan delay);

        [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Circuit for {Origin} opened after repeated failures; its fetches fail fast for {BreakDuration}")]
        public static partial void CircuitOpened(ILogger logger, string origin, TimeSpan breakDuration);

        [LoggerMessage(EventId = 2603, Level = LogLevel.Information, Message = "Circuit for {Origin} closed; fetching it again")]
        public static partial void CircuitClosed(ILogger logger, string origin);
    }
}

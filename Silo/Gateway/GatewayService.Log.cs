using Crawler.Grains.Interfaces;

namespace Crawler.Silo.Gateway;

internal sealed partial class GatewayService
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Job {JobId} submitted with {Seeds} seeds")]
        public static partial void Submitted(ILogger logger, string jobId, int seeds);

        [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Job {JobId} refused: {Reason}")]
        public static partial void Rejected(ILogger logger, string jobId, string reason);

        [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Job {JobId}: {Change} asked; now {State}")]
        public static partial void Changed(ILogger logger, string jobId, string change, JobState state);
    }
}

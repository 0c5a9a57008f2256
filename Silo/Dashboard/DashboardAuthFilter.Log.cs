namespace Crawler.Silo.Dashboard;

internal sealed partial class DashboardAuthFilter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Refused dashboard request {Path} from {Remote}: no valid API key or credentials")]
        public static partial void Refused(ILogger logger, PathString path, string remote);
    }
}
